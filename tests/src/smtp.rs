//! A small SMTP sink on a loopback port: it accepts every message (no TLS, no
//! authentication) and keeps it for the tests to read. Enough of RFC 5321 for `lettre`:
//! the 220 greeting, EHLO/HELO, MAIL, RCPT, DATA (until CRLF.CRLF, dot-unstuffed), RSET,
//! NOOP and QUIT. Recipients whose address starts with `bounce` are refused for good (550),
//! those starting with `busy` for now (451), so that the sender's retries can be tested.
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// A message as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub from: String,
    pub recipients: Vec<String>,
    pub subject: String,
    /// The body, its transfer encoding undone (quoted-printable or base64).
    pub body: String,
    /// The whole message as sent.
    pub raw: String,
}

#[derive(Default)]
struct Inbox {
    mails: Mutex<Vec<Mail>>,
    arrived: Condvar,
}

/// A running sink; it stops with the process.
#[derive(Clone)]
pub struct SmtpSink {
    pub addr: SocketAddr,
    inbox: Arc<Inbox>,
}

impl SmtpSink {
    /// Starts on `bind` (`127.0.0.1:0` for a free port); `on_mail` is called for each message.
    pub fn start_with(bind: &str, on_mail: fn(&Mail)) -> std::io::Result<SmtpSink> {
        let listener = TcpListener::bind(bind)?;
        let addr = listener.local_addr()?;
        let inbox = Arc::new(Inbox::default());
        let sink = SmtpSink { addr, inbox: inbox.clone() };
        std::thread::Builder::new().name("smtp-sink".into()).spawn(move || {
            for stream in listener.incoming().flatten() {
                let inbox = inbox.clone();
                std::thread::spawn(move || {
                    let _ = session(stream, &inbox, on_mail);
                });
            }
        })?;
        Ok(sink)
    }

    /// Starts on a free loopback port.
    pub fn start() -> SmtpSink {
        SmtpSink::start_with("127.0.0.1:0", |_| {}).expect("an SMTP sink on a loopback port")
    }

    /// `smtp://` and the address, for `CSPR_SMTP_URL`.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// Every message received so far.
    pub fn mails(&self) -> Vec<Mail> {
        self.inbox.mails.lock().unwrap().clone()
    }

    /// The messages to `recipient`.
    pub fn mails_to(&self, recipient: &str) -> Vec<Mail> {
        self.mails().into_iter().filter(|m| m.recipients.iter().any(|r| r.eq_ignore_ascii_case(recipient))).collect()
    }

    /// Waits up to `timeout` until `recipient` has received `count` messages; answers them.
    pub fn wait_for(&self, recipient: &str, count: usize, timeout: Duration) -> Vec<Mail> {
        let deadline = Instant::now() + timeout;
        let mut mails = self.inbox.mails.lock().unwrap();
        loop {
            let to: Vec<Mail> = mails
                .iter()
                .filter(|m| m.recipients.iter().any(|r| r.eq_ignore_ascii_case(recipient)))
                .cloned()
                .collect();
            let now = Instant::now();
            if to.len() >= count || now >= deadline {
                return to;
            }
            mails = self.inbox.arrived.wait_timeout(mails, deadline - now).unwrap().0;
        }
    }
}

fn reply(out: &mut TcpStream, line: &str) -> std::io::Result<()> {
    out.write_all(line.as_bytes())?;
    out.write_all(b"\r\n")?;
    out.flush()
}

/// The address inside `FROM:<…>` or `TO:<…>`.
fn path_of(arg: &str) -> String {
    let arg = arg.split_once(':').map_or(arg, |(_, a)| a).trim();
    let inner = arg.strip_prefix('<').and_then(|a| a.split_once('>')).map_or(arg, |(a, _)| a);
    inner.split_whitespace().next().unwrap_or_default().to_string()
}

fn session(stream: TcpStream, inbox: &Inbox, on_mail: fn(&Mail)) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut out = stream.try_clone()?;
    let mut input = BufReader::new(stream);
    reply(&mut out, "220 localhost CSPR Hub test sink")?;
    let (mut from, mut recipients) = (String::new(), Vec::<String>::new());
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end_matches(['\r', '\n']);
        let (verb, arg) = command.split_once(' ').unwrap_or((command, ""));
        match verb.to_ascii_uppercase().as_str() {
            "EHLO" => {
                out.write_all(b"250-localhost\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n")?;
                reply(&mut out, "250 SIZE 10485760")?;
            }
            "HELO" => reply(&mut out, "250 localhost")?,
            "MAIL" => {
                from = path_of(arg);
                recipients.clear();
                reply(&mut out, "250 OK")?;
            }
            "RCPT" => {
                let to = path_of(arg);
                let local = to.to_ascii_lowercase();
                if local.starts_with("bounce") {
                    reply(&mut out, "550 5.1.1 No such mailbox")?;
                } else if local.starts_with("busy") {
                    reply(&mut out, "451 4.3.0 Try again later")?;
                } else {
                    recipients.push(to);
                    reply(&mut out, "250 OK")?;
                }
            }
            "DATA" => {
                if recipients.is_empty() {
                    reply(&mut out, "554 5.5.1 No valid recipients")?;
                    continue;
                }
                reply(&mut out, "354 End data with <CR><LF>.<CR><LF>")?;
                let mut raw = String::new();
                loop {
                    line.clear();
                    if input.read_line(&mut line)? == 0 {
                        return Ok(());
                    }
                    let text = line.trim_end_matches(['\r', '\n']);
                    if text == "." {
                        break;
                    }
                    raw.push_str(text.strip_prefix('.').unwrap_or(text));
                    raw.push_str("\r\n");
                }
                let mail = parse(&from, std::mem::take(&mut recipients), raw);
                on_mail(&mail);
                inbox.mails.lock().unwrap().push(mail);
                inbox.arrived.notify_all();
                reply(&mut out, "250 OK queued")?;
            }
            "RSET" => {
                from.clear();
                recipients.clear();
                reply(&mut out, "250 OK")?;
            }
            "NOOP" => reply(&mut out, "250 OK")?,
            "QUIT" => {
                reply(&mut out, "221 Bye")?;
                return Ok(());
            }
            _ => reply(&mut out, "502 5.5.2 Command not implemented")?,
        }
    }
}

/// Splits headers (unfolded) from the body and undoes the body's transfer encoding.
fn parse(from: &str, recipients: Vec<String>, raw: String) -> Mail {
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw.as_str(), ""));
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    let header = |name: &str| {
        unfolded
            .lines()
            .find_map(|l| l.split_once(':').filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim()))
            .unwrap_or_default()
            .to_string()
    };
    let encoding = header("Content-Transfer-Encoding").to_ascii_lowercase();
    let body = match encoding.as_str() {
        "quoted-printable" => quoted_printable(body),
        "base64" => {
            use base64::Engine;
            let compact: String = body.split_whitespace().collect();
            base64::engine::general_purpose::STANDARD
                .decode(compact)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .unwrap_or_default()
        }
        _ => body.to_string(),
    };
    Mail { from: from.to_string(), recipients, subject: header("Subject"), body, raw: raw.clone() }
}

fn quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            if let Some(b) =
                bytes.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_paths_and_encodings() {
        assert_eq!(path_of("FROM:<a@b.example> SIZE=10"), "a@b.example");
        assert_eq!(path_of("TO:<c@d.example>"), "c@d.example");
        assert_eq!(quoted_printable("a=3Db =\r\nc"), "a=b c");
        let m = parse(
            "x@y",
            vec!["r@s".into()],
            "Subject: Hello\r\n there\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nlink=3D1\r\n".into(),
        );
        assert_eq!(m.subject, "Hello there");
        assert_eq!(m.body, "link=1\r\n");
    }

    #[test]
    fn receives_over_smtp() {
        let sink = SmtpSink::start();
        let mut s = TcpStream::connect(sink.addr).unwrap();
        let mut r = BufReader::new(s.try_clone().unwrap());
        let mut line = String::new();
        let mut expect = |s: &mut TcpStream, send: &str, code: &str| {
            if !send.is_empty() {
                s.write_all(send.as_bytes()).unwrap();
            }
            loop {
                line.clear();
                r.read_line(&mut line).unwrap();
                if line.as_bytes().get(3) != Some(&b'-') {
                    break;
                }
            }
            assert!(line.starts_with(code), "{send:?} -> {line:?}");
        };
        expect(&mut s, "", "220");
        expect(&mut s, "EHLO me\r\n", "250");
        expect(&mut s, "MAIL FROM:<a@x.example>\r\n", "250");
        expect(&mut s, "RCPT TO:<bounce@x.example>\r\n", "550");
        expect(&mut s, "RCPT TO:<to@x.example>\r\n", "250");
        expect(&mut s, "DATA\r\n", "354");
        expect(&mut s, "Subject: Hi\r\n\r\n..dotted\r\nline\r\n.\r\n", "250");
        expect(&mut s, "QUIT\r\n", "221");
        let got = sink.wait_for("to@x.example", 1, Duration::from_secs(5));
        assert_eq!(got[0].subject, "Hi");
        assert_eq!(got[0].body, ".dotted\r\nline\r\n");
        assert_eq!(got[0].from, "a@x.example");
    }
}
