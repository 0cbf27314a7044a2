//! CSPR Hub server: configuration, database, sign-in, authorisation, API, CLI.
pub mod api;
pub mod auth;
pub mod authz;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod middleware;
pub mod models;
pub mod openapi;
pub mod schema;
pub mod server;
pub mod state;
pub mod store;
pub mod telemetry;
