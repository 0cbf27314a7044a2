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

/// Queues an invitation with its one-time link (`{base}/accept-invitation#token=…`), to set
/// the new account's password; `partnership` is the slug the person signs in to.
pub fn queue_invitation(
    conn: &mut DbConn,
    tenant_id: &str,
    recipient: &str,
    partnership: &str,
    link_base: &str,
    token: &str,
) -> QueryResult<()> {
    let link = format!("{link_base}/accept-invitation#token={token}");
    let body = format!(
        "A safeguarding partnership's business office has invited you to CSPR Hub.\r\n\
         \r\n\
         To choose your password, open this link within {days} days. It works once:\r\n\
         \r\n\
         {link}\r\n\
         \r\n\
         Then sign in to the partnership `{partnership}` with this email address and your\r\n\
         password, and set up a second factor if asked.\r\n",
        days = shared::people::INVITATION_DAYS,
    );
    outbox::queue(
        conn,
        NewMail { tenant_id, recipient, subject: INVITATION_SUBJECT, body: &body, kind: MailKind::Invitation },
    )?;
    Ok(())
}

/// The subject of an invitation, and of the notice to a person who has an account already.
pub const INVITATION_SUBJECT: &str = "You are invited to CSPR Hub";

/// Queues the notice that a person who has an account was added to another partnership: a
/// link to sign in, nothing to set. Its subject and kind are the invitation's, so that the
/// office's outbox does not tell them apart.
pub fn queue_membership_notice(
    conn: &mut DbConn,
    tenant_id: &str,
    recipient: &str,
    partnership: &str,
    link_base: &str,
) -> QueryResult<()> {
    let body = format!(
        "A safeguarding partnership's business office has added you to its partnership on\r\n\
         CSPR Hub. Sign in to the partnership `{partnership}` with your usual password:\r\n\
         \r\n\
         {link_base}/\r\n"
    );
    outbox::queue(
        conn,
        NewMail { tenant_id, recipient, subject: INVITATION_SUBJECT, body: &body, kind: MailKind::Invitation },
    )?;
    Ok(())
}

/// Queues the notice that a local CSPR is commissioned, to one of the national addresses:
/// the partnership, the case's reference and the lead reviewer's name (no child's or
/// family's name).
pub fn queue_commissioning_notice(
    conn: &mut DbConn,
    tenant_id: &str,
    recipient: &str,
    partnership: &str,
    reference: &str,
    lead_reviewer: &str,
) -> QueryResult<()> {
    let body = format!(
        "{partnership} has commissioned a local Child Safeguarding Practice Review\r\n\
         (its reference {reference}).\r\n\
         \r\n\
         The lead reviewer is {lead_reviewer}.\r\n\
         \r\n\
         The partnership's business office will write again when the final report is ready.\r\n"
    );
    outbox::queue(
        conn,
        NewMail {
            tenant_id,
            recipient,
            subject: "Child Safeguarding Practice Review commissioned",
            body: &body,
            kind: MailKind::CommissioningNotice,
        },
    )?;
    Ok(())
}

/// Reminds an action's owner that it is due soon, or overdue: the case's reference and the
/// date, never the action's words (they may describe the family).
pub fn queue_action_reminder(
    conn: &mut DbConn,
    tenant_id: &str,
    recipient: &str,
    link_base: &str,
    (action_id, reference, due_on): (&str, &str, chrono::NaiveDate),
    overdue: bool,
) -> QueryResult<()> {
    let link = format!("{link_base}/actions/{action_id}");
    let due = due_on.format("%-d %B %Y");
    let (subject, kind, opening) = if overdue {
        (
            "An action you own is overdue",
            MailKind::ActionOverdue,
            format!("An action you own ({reference}) was due on {due} and is not closed."),
        )
    } else {
        (
            "An action you own is due soon",
            MailKind::ActionReminder,
            format!("An action you own ({reference}) is due on {due}."),
        )
    };
    let body = format!(
        "{opening}\r\n\
         \r\n\
         Sign in to record progress, or give the evidence of its impact and ask a strategic lead to agree it is done:\r\n\
         \r\n\
         {link}\r\n"
    );
    outbox::queue(conn, NewMail { tenant_id, recipient, subject, body: &body, kind })?;
    Ok(())
}

/// Tells a member of the partnership that a learning briefing is published.
pub fn queue_briefing_published(
    conn: &mut DbConn,
    tenant_id: &str,
    recipient: &str,
    link_base: &str,
    (briefing_id, reference): (&str, &str),
) -> QueryResult<()> {
    let link = format!("{link_base}/briefings/{briefing_id}");
    let body = format!(
        "A 6-step learning briefing ({reference}) is published for the partnership's members.\r\n\
         \r\n\
         Read it, and use its questions in your team meetings:\r\n\
         \r\n\
         {link}\r\n"
    );
    outbox::queue(
        conn,
        NewMail {
            tenant_id,
            recipient,
            subject: "A learning briefing is published",
            body: &body,
            kind: MailKind::BriefingPublished,
        },
    )?;
    Ok(())
}
