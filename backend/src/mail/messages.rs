//! The words of each message. No names (of a child, a family or the person): a sentence and
//! a link into the app, where the person signs in to see more.
use crate::db::DbConn;
use crate::store::outbox::{self, NewMail};
use diesel::QueryResult;
use shared::mail::MailKind;

/// Queues the password-reset message with its one-time link (`{base}/reset-password#token=…`:
/// the token in the fragment, which browsers do not send to servers or in `Referer`).
pub fn queue_password_reset(
    conn: &mut DbConn,
    tenant_id: &str,
    recipient: &str,
    link_base: &str,
    token: &str,
) -> QueryResult<()> {
    let link = format!("{link_base}/reset-password#token={token}");
    let body = format!(
        "Someone asked to reset the password of your CSPR Hub account.\r\n\
         \r\n\
         To choose a new password, open this link within {minutes} minutes. It works once:\r\n\
         \r\n\
         {link}\r\n\
         \r\n\
         If you did not ask for this, you can ignore this message: your password stays as it is.\r\n",
        minutes = crate::store::password_reset::RESET_MINUTES,
    );
    outbox::queue(
        conn,
        NewMail {
            tenant_id,
            recipient,
            subject: "Reset your CSPR Hub password",
            body: &body,
            kind: MailKind::PasswordReset,
        },
    )?;
    Ok(())
}
