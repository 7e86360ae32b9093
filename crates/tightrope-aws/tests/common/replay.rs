//! A local HTTP server that answers the real SDK clients from canned responses (shaped as AWS
//! documents them), for the APIs moto cannot serve. Records every request it saw.

use std::io::{BufRead, BufReader, Read, Write};
use tightrope_aws::{collect_blocking, permissions, CollectOptions, Collection};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// Path with the query string.
    pub target: String,
    /// The region the request was signed for (from its `Authorization` header).
    pub region: String,
    pub body: String,
}

impl Request {
    /// The path without the query string.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or(&self.target)
    }
}

/// A reply: HTTP status line text (`"200 OK"`), content type and body.
pub type Reply = (&'static str, &'static str, String);

const STS_IDENTITY: &str = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>\
<Arn>arn:aws:iam::123456789012:user/replay</Arn><UserId>AIDAREPLAY</UserId><Account>123456789012</Account>\
</GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>";

/// Start a server on a free local port. STS GetCallerIdentity is answered for account
/// 123456789012; every other request goes to `answer`. Returns the URL and the request log.
pub fn start(answer: fn(&Request) -> Reply) -> (String, Arc<Mutex<Vec<Request>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let log = log.clone();
            std::thread::spawn(move || serve(stream, &log, answer));
        }
    });
    (url, seen)
}

/// Collect `service` in us-east-1 from a replay server answering with `answer`; returns the
/// collection and every request the server saw. Fails the test if anything was not collected or if
/// a call is missing from the published policy (docs/permissions.json).
pub fn collect(answer: fn(&Request) -> Reply, service: &str) -> (Collection, Vec<Request>) {
    super::test_credentials_env();
    let (url, seen) = start(answer);
    let opts = CollectOptions { endpoint_url: Some(url), regions: vec!["us-east-1".into()], services: vec![service.into()], progress: false, ..Default::default() };
    let c = collect_blocking(&opts).expect("collect");
    let seen = seen.lock().expect("log").clone();
    let gaps: Vec<_> = c.state.not_collected.iter().filter(|g| !g.skipped).collect();
    assert!(gaps.is_empty(), "{gaps:#?}\nrequests: {seen:#?}");
    for ((service, op), _) in c.calls.snapshot() {
        assert!(permissions::action_for(&service, &op).is_some(), "{service} {op} not in the published policy");
    }
    (c, seen)
}

fn serve(stream: TcpStream, seen: &Mutex<Vec<Request>>, answer: fn(&Request) -> Reply) {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let (mut length, mut region) = (0usize, String::new());
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
            break;
        }
        let Some((k, v)) = header.split_once(':') else { continue };
        if k.eq_ignore_ascii_case("content-length") {
            length = v.trim().parse().unwrap_or(0);
        } else if k.eq_ignore_ascii_case("authorization") {
            // Credential=KEY/DATE/REGION/SERVICE/aws4_request
            region = v.split("Credential=").nth(1).and_then(|c| c.split('/').nth(2)).unwrap_or_default().to_string();
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    let mut parts = request_line.split_whitespace();
    let request = Request {
        method: parts.next().unwrap_or_default().to_string(),
        target: parts.next().unwrap_or_default().to_string(),
        region,
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    let (status, content_type, reply) = if request.body.contains("Action=GetCallerIdentity") {
        ("200 OK", "text/xml", STS_IDENTITY.to_string())
    } else {
        answer(&request)
    };
    seen.lock().expect("log").push(request);
    let mut stream = reader.into_inner();
    let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}", reply.len());
}
