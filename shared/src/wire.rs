//! Enums whose names travel: in JSON, in database columns, in form values and addresses.
//!
//! [`wire_enum!`] declares such an enum once. Its wire names are derived from the variant
//! names in one case style (serde for JSON, strum for `as_str`, the same rule), so no name
//! is written by hand; `ALL`, `as_str` and `parse` come with it, and with the `diesel`
//! feature (the server's) the enum is a `Text` column of its own type: a value the code does
//! not know is an error when the row is read, never a silent default.

/// Declares a wire enum. The case style comes in brackets after the name:
///
/// ```text
/// wire_enum! {
///     /// Where a thing stands.
///     pub enum Standing ["snake_case"] { NotStarted, Done }
/// }
/// Standing::NotStarted.as_str() == "not_started"; Standing::parse("done") == Some(Standing::Done)
/// ```
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident [$case:tt] {
            $( $(#[$vmeta:meta])* $variant:ident ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, strum::IntoStaticStr
        )]
        #[serde(rename_all = $case)]
        #[strum(serialize_all = $case)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(
            feature = "diesel",
            derive(diesel::AsExpression, diesel::FromSqlRow),
            diesel(sql_type = diesel::sql_types::Text)
        )]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),*
        }

        impl $name {
            /// Every value, in the order declared.
            pub const ALL: [$name; [$($name::$variant),*].len()] = [$($name::$variant),*];

            /// The wire name.
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// The value of a wire name; `None` for a name not known.
            pub fn parse(s: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.as_str() == s)
            }
        }

        $crate::wire::text_column!($name);
    };
}

/// With the `diesel` feature: `$name` reads from and writes to a `Text` column by its wire
/// name, on any backend whose `String` and `str` do.
#[cfg(feature = "diesel")]
macro_rules! text_column {
    ($name:ident) => {
        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let s = <String as diesel::deserialize::FromSql<diesel::sql_types::Text, DB>>::from_sql(bytes)?;
                $name::parse(&s).ok_or_else(|| concat!("an unknown ", stringify!($name), " in the database").into())
            }
        }

        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut diesel::serialize::Output<'b, '_, DB>) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(self.as_str(), out)
            }
        }
    };
}

#[cfg(not(feature = "diesel"))]
macro_rules! text_column {
    ($name:ident) => {};
}

pub(crate) use text_column;
pub(crate) use wire_enum;

#[cfg(test)]
mod tests {
    crate::wire::wire_enum! {
        /// A test enum.
        enum Shape ["kebab-case"] { RoundThing, Square }
    }

    #[test]
    fn names_are_derived_the_same_way_for_json_and_as_str() {
        for s in Shape::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
            assert_eq!(Shape::parse(s.as_str()), Some(s));
        }
        assert_eq!(Shape::RoundThing.as_str(), "round-thing");
        assert_eq!(Shape::parse("round_thing"), None);
    }

    /// Every wire enum of the crate: JSON, `as_str` and `parse` agree for every value.
    #[test]
    fn every_wire_enum_agrees_with_its_json() {
        fn check<T>(all: &[T], as_str: fn(T) -> &'static str, parse: fn(&str) -> Option<T>)
        where
            T: Copy + PartialEq + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned,
        {
            for v in all.iter().copied() {
                let json = serde_json::to_value(v).unwrap();
                assert_eq!(json, as_str(v), "{v:?}");
                assert_eq!(serde_json::from_value::<T>(json).unwrap(), v);
                assert_eq!(parse(as_str(v)), Some(v));
            }
            assert_eq!(parse("no such name"), None);
        }
        macro_rules! check_all {
            ($($t:ty),*) => { $( check(&<$t>::ALL, <$t>::as_str, <$t>::parse); )* };
        }
        use crate::calendar::{ClockKind, ClockStatus};
        use crate::case::*;
        use crate::referral::journey::{Section, SectionStatus};
        use crate::referral::*;
        check_all!(
            crate::region::Region,
            crate::Role,
            crate::ErrorCode,
            crate::mail::OutboxState,
            crate::mail::MailKind,
            crate::agency::AgencyKind,
            CaseStage,
            CaseAction,
            RequestStatus,
            MemberRole,
            RapidReviewOutcome,
            crate::case::timeline::StageState,
            crate::case::TimelineStep,
            crate::case::TimelinePhase,
            ReferralStage,
            ReferralAction,
            ReviewType,
            ClockKind,
            ClockStatus,
            Section,
            SectionStatus,
            crate::overview::diff::DiffKind,
            crate::overview::anonymise::IdentifierKind,
            crate::overview::ChainStep,
            crate::overview::OverviewAction,
            crate::overview::PlanStep
        );
    }
}
