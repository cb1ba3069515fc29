//! A bare HTTP/1.1 client over `std::net::TcpStream`: it sends what the test
//! says, byte for byte (a percent-encoded line break in a path, any
//! `Accept`), and returns the answer unparsed but for its status.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

/// An answer: status, header lines (lowercase names), body.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    /// The value of the header `name` (lowercase), if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header == name)
            .map(|(_, value)| value.as_str())
    }
}

/// `GET path` with the extra header lines `headers` (`"accept: text/markdown"`).
pub fn get(address: SocketAddr, path: &str, headers: &[&str]) -> Answer {
    request(address, "GET", path, headers)
}

/// `METHOD path` with the extra header lines `headers`.
pub fn request(address: SocketAddr, method: &str, path: &str, headers: &[&str]) -> Answer {
    send(address, method, path, headers, None)
}

/// `METHOD path` with the extra header lines `headers` and, when given,
/// `body` (with its `Content-Length`).
pub fn send(
    address: SocketAddr,
    method: &str,
    path: &str,
    headers: &[&str],
    body: Option<&str>,
) -> Answer {
    let mut stream = TcpStream::connect(address).unwrap();
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    for header in headers {
        request.push_str(header);
        request.push_str("\r\n");
    }
    if let Some(body) = body {
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");
    request.push_str(body.unwrap_or(""));
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap()[9..12].parse().unwrap();
    let headers = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap();
            (name.to_ascii_lowercase(), value.trim().to_owned())
        })
        .collect();
    Answer {
        status,
        headers,
        body: body.to_owned(),
    }
}
