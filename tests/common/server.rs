//! `cyberdip serve` as a user starts it (the real binary, any free port, a fresh output
//! folder), and a small HTTP/1.1 client on std::net for the tests of its API. Every request
//! goes to the loopback address the server printed, with a time limit.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `cyberdip serve`, stopped (killed by its pid) when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// The address it printed (the start page or the exercise's view).
    pub url: String,
    /// Its output folder.
    pub out: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Server {
    /// Start `cyberdip serve --port 0 --out TMP ARGS…` in the repository root and wait for
    /// the line with its address.
    pub fn start(args: &[&str]) -> Server {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("serve");
        let mut child = Command::new(env!("CARGO_BIN_EXE_cyberdip"))
            .arg("serve")
            .args(["--port", "0", "--out"])
            .arg(&out)
            .args(args)
            .current_dir(super::root())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("cyberdip serve starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let line = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(l) => l,
            Err(_) => {
                let _ = child.kill();
                panic!("cyberdip serve printed no address within 60 s");
            }
        };
        let url = line.split_whitespace().find(|w| w.starts_with("http://")).expect("an address").to_string();
        let addr = url.trim_start_matches("http://").split('/').next().unwrap().to_string();
        Server { child, addr, url, out, _tmp: tmp }
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `http://ADDR/PATH`.
    pub fn at(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// GET.
    pub fn get(&self, path: &str) -> Resp {
        request(&self.addr, "GET", path, b"", &[]).unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// POST a form body.
    pub fn post(&self, path: &str, body: &str) -> Resp {
        request(&self.addr, "POST", path, body.as_bytes(), &[]).unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    /// Wait until job `id` has ended (60 s at most); its final status.
    pub fn wait(&self, id: u64) -> serde_json::Value {
        let start = Instant::now();
        loop {
            let s = self.get(&format!("/api/runs/{id}")).json();
            let state = s["state"].as_str().unwrap_or("").to_string();
            if ["done", "cancelled", "failed"].contains(&state.as_str()) {
                return s;
            }
            assert!(start.elapsed() < Duration::from_secs(120), "job {id} did not end within 120 s: {s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Peak and current resident memory of the server, in kB (from /proc).
    pub fn memory_kb(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        (field("VmHWM:"), field("VmRSS:"))
    }

    /// The folder of job `id`.
    pub fn job_dir(&self, id: u64) -> PathBuf {
        self.out.join(format!("job-{id:06}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
pub struct Resp {
    /// Status code.
    pub status: u16,
    /// Headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// Body (chunked encoding undone).
    pub body: Vec<u8>,
}

impl Resp {
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// One request on a fresh connection (`Connection: close`), 120 s at most.
pub fn request(addr: &str, method: &str, path: &str, body: &[u8], headers: &[(&str, &str)]) -> std::io::Result<Resp> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(120)))?;
    s.set_write_timeout(Some(Duration::from_secs(30)))?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {addr}\r\n"));
    }
    if method == "POST" {
        head.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes())?;
    // a server may answer (413) before reading a large body; a failed write is then fine
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    parse(&raw).ok_or_else(|| std::io::Error::other(format!("bad HTTP answer: {}", String::from_utf8_lossy(&raw))))
}

fn parse(raw: &[u8]) -> Option<Resp> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    if headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")) {
        body = unchunk(&body)?;
    }
    Some(Resp { status, headers, body })
}

fn unchunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = b.windows(2).position(|w| w == b"\r\n")?;
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[..line_end]).ok()?.split(';').next()?.trim(), 16).ok()?;
        b = &b[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = b.get(size + 2..)?;
    }
}

/// The entries of a zip file, by name.
pub fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut out = std::collections::BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut v = Vec::new();
        f.read_to_end(&mut v).unwrap();
        out.insert(f.name().to_string(), v);
    }
    out
}

/// Run `cyberdip ARGS…` in the repository root; panics with stderr on failure.
pub fn cli_ok(args: &[&str]) {
    let out = super::cyberdip(args, None);
    assert!(out.status.success(), "cyberdip {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// Bytes of a file.
pub fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}
