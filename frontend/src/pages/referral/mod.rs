//! The referral journey (the seed's Appendix 1): task list, one page per section, check your
//! answers and send to a manager for sign-off (who agrees or returns it); then the business office's recommendation (or return) and the
//! strategic partners' decision; and the referral's own page with its stage and outcome.
pub mod answers;
pub mod check_answers;
pub mod decide;
pub mod load;
pub mod recommend;
pub mod return_referral;
pub mod section;
pub mod section_family;
pub mod section_rows;
pub mod section_sign_off;
pub mod section_text;
pub mod sign_off;
pub mod task_list;
pub mod view;

pub use check_answers::CheckAnswers;
pub use decide::DecisionPage;
pub use recommend::RecommendationPage;
pub use return_referral::ReturnPage;
pub use section::SectionPage;
pub use sign_off::SignOffPage;
pub use task_list::TaskList;
pub use view::ReferralPage;
