//! The API suite, black-box over HTTP against a real server and database.
mod accounts;
mod administration;
mod auth;
mod cases;
mod clocks;
mod cspr;
mod errors;
mod export;
mod learning;
mod overview;
mod referrals;
mod retention;
mod routes;
mod row_security;
mod second_factor;
mod sessions;
mod themes;
