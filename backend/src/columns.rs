//! Column types of their own: a stored JSON document of a known type ([`Json`]) and an id
//! read as a UUID ([`Id`]). Both are `Text` in both databases. A value that does not read
//! back as its type fails when the row is read (an internal error, logged by kind), never a
//! silent default. The wire enums of `shared` (stages, statuses, kinds) are columns of
//! their own types too (`shared::wire`).
use crate::error::{ApiError, ApiResult};
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, Queryable};
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::{SingleValue, Text};
use diesel::AsExpression;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::marker::PhantomData;

/// A JSON document of type `T`, as stored: kept as its text, so that an answer can write it
/// out without parsing it again ([`Json::raw`]); [`Json::decode`] gives the value.
#[derive(AsExpression)]
#[diesel(sql_type = Text)]
pub struct Json<T> {
    raw: String,
    of: PhantomData<fn() -> T>,
}

impl<T> Json<T> {
    /// The stored text.
    pub fn raw(&self) -> &str {
        &self.raw
    }
}

impl<T: Serialize> Json<T> {
    pub fn encode(value: &T) -> ApiResult<Json<T>> {
        let raw = serde_json::to_string(value).map_err(|_| ApiError::internal())?;
        Ok(Json { raw, of: PhantomData })
    }
}

impl<T: DeserializeOwned> Json<T> {
    /// The value; a stored document that is not a `T` is logged (by type, not content).
    pub fn decode(&self) -> ApiResult<T> {
        serde_json::from_str(&self.raw).map_err(|e| {
            tracing::error!(
                of = std::any::type_name::<T>(),
                line = e.line(),
                column = e.column(),
                "stored JSON does not read back"
            );
            ApiError::internal()
        })
    }
}

impl<T> Clone for Json<T> {
    fn clone(&self) -> Self {
        Json { raw: self.raw.clone(), of: PhantomData }
    }
}

impl<T> std::fmt::Debug for Json<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the content: it holds personal data.
        write!(f, "Json<{}>({} bytes)", std::any::type_name::<T>(), self.raw.len())
    }
}

impl<T, DB> FromSql<Text, DB> for Json<T>
where
    DB: Backend,
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        Ok(Json { raw: String::from_sql(bytes)?, of: PhantomData })
    }
}

impl<T, DB> ToSql<Text, DB> for Json<T>
where
    DB: Backend,
    str: ToSql<Text, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
        <str as ToSql<Text, DB>>::to_sql(&self.raw, out)
    }
}

impl<T, ST, DB> Queryable<ST, DB> for Json<T>
where
    DB: Backend,
    ST: SingleValue,
    Self: FromSql<ST, DB>,
{
    type Row = Self;

    fn build(row: Self) -> deserialize::Result<Self> {
        Ok(row)
    }
}

/// An id: a UUID, stored as its hyphenated lower-case text (which it keeps, so that it can
/// be bound without allocating).
#[derive(Clone, Copy, PartialEq, Eq, Hash, AsExpression)]
#[diesel(sql_type = Text)]
pub struct Id {
    uuid: uuid::Uuid,
    text: [u8; uuid::fmt::Hyphenated::LENGTH],
}

impl Id {
    pub fn new() -> Id {
        Id::from(uuid::Uuid::new_v4())
    }

    pub fn uuid(&self) -> uuid::Uuid {
        self.uuid
    }

    pub fn as_str(&self) -> &str {
        // Written by `uuid` as ASCII hex digits and hyphens.
        std::str::from_utf8(&self.text).unwrap_or_default()
    }

    pub fn parse(s: &str) -> Option<Id> {
        s.parse::<uuid::Uuid>().ok().map(Id::from)
    }
}

impl Default for Id {
    fn default() -> Self {
        Id::new()
    }
}

impl From<uuid::Uuid> for Id {
    fn from(uuid: uuid::Uuid) -> Id {
        let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
        uuid.hyphenated().encode_lower(&mut text);
        Id { uuid, text }
    }
}

/// An id is its text wherever a `&str` is wanted (queries filter by it as text).
impl std::ops::Deref for Id {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl<DB> FromSql<Text, DB> for Id
where
    DB: Backend,
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        let s = String::from_sql(bytes)?;
        Id::parse(&s).ok_or_else(|| "an id in the database is not a UUID".into())
    }
}

impl<DB> ToSql<Text, DB> for Id
where
    DB: Backend,
    str: ToSql<Text, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
        <str as ToSql<Text, DB>>::to_sql(self.as_str(), out)
    }
}

impl<ST, DB> Queryable<ST, DB> for Id
where
    DB: Backend,
    ST: SingleValue,
    Self: FromSql<ST, DB>,
{
    type Row = Self;

    fn build(row: Self) -> deserialize::Result<Self> {
        Ok(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_keeps_its_text_and_reads_back() {
        let u = uuid::Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
        let id = Id::from(u);
        assert_eq!(id.as_str(), "01234567-89ab-cdef-0123-456789abcdef");
        assert_eq!(Id::parse(id.as_str()), Some(id));
        assert_eq!(id.uuid(), u);
        assert_eq!(Id::parse("not an id"), None);
        assert_eq!(Id::parse("01234567-89AB-CDEF-0123-456789ABCDEF"), Some(id), "upper case reads the same");
    }

    #[test]
    fn json_round_trips_and_refuses_what_is_not_its_type() {
        let j = Json::<Vec<u32>>::encode(&vec![1, 2]).unwrap();
        assert_eq!(j.raw(), "[1,2]");
        assert_eq!(j.decode().unwrap(), vec![1, 2]);
        let bad: Json<Vec<u32>> = Json { raw: "{\"x\":1}".into(), of: PhantomData };
        assert_eq!(bad.decode().unwrap_err().code, shared::ErrorCode::Internal);
        assert!(!format!("{bad:?}").contains('x'), "Debug never shows the content");
    }
}
