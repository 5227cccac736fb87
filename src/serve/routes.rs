//! The HTTP interface. Pages and assets come from inside the binary; the API speaks JSON,
//! except for the results (an HTML fragment of the report), progress (server-sent events)
//! and downloads (TOML, zip).
//!
//! | method and path | what |
//! |---|---|
//! | `GET /`, `/whatif`, `/exercise/STEM` | the page (one document; its script draws each view) |
//! | `GET /assets/{app.js,app.css,report.css}` | the page's script and styles |
//! | `GET /api/catalog` | scenario, states, exercises, limits |
//! | `GET /api/form?state=ID` | the sliders: a state's challenges, levers, other keys; global parameters |
//! | `POST /api/runs` | body: the page's query (`set=…&runs=…`); 202 with the job, 400, 413 or 429 |
//! | `GET /api/runs/N` | a job's status; `/events`: the same as server-sent events until it ends |
//! | `POST /api/runs/N/cancel` | stop a job |
//! | `GET /api/runs/N/download` | the job's CSV files and scenario as a zip |
//! | `GET /api/results?jobs=N,M` | key numbers, time series and comparison (the report's HTML) |
//! | `GET /api/export?QUERY` | the scenario file for the page's state |
//!
//! Every request passes [`guard`]: on a loopback address only `localhost` and IP host names
//! are served (no DNS rebinding), a cross-site `Origin` may not post, and every answer
//! carries a strict content security policy.

use super::App;
use super::jobs::{Job, Phase, RESULTS, Refused};
use super::request::{self, Query, Rejection};
use crate::report::live;
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

const INDEX: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");
/// Most jobs compared in one results request.
const MAX_COMPARED: usize = 12;
/// How often a progress stream looks at its job.
const PROGRESS_EVERY: Duration = Duration::from_millis(50);
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
                   connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

type Shared = State<Arc<App>>;

/// The application's routes.
pub fn router(app: Arc<App>) -> Router {
    let body_limit = app.limits.max_body;
    Router::new()
        .route("/", get(page))
        .route("/whatif", get(page))
        .route("/exercise/{stem}", get(exercise_page))
        .route("/assets/app.js", get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }))
        .route("/assets/app.css", get(|| async { asset("text/css; charset=utf-8", APP_CSS) }))
        .route("/assets/report.css", get(|| async { asset("text/css; charset=utf-8", live::style()) }))
        .route("/api/health", get(health))
        .route("/api/catalog", get(catalog))
        .route("/api/form", get(form))
        .route("/api/runs", post(submit))
        .route("/api/runs/{id}", get(status))
        .route("/api/runs/{id}/events", get(events))
        .route("/api/runs/{id}/cancel", post(cancel))
        .route("/api/runs/{id}/download", get(download))
        .route("/api/results", get(results))
        .route("/api/export", get(export))
        .fallback(|| async { fail(StatusCode::NOT_FOUND, "no such page or API path") })
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

/// Host and origin checks, and the headers every answer carries.
async fn guard(State(app): Shared, req: Request, next: Next) -> Response {
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("").to_string();
    if app.loopback && !loopback_host(&host) {
        return fail(StatusCode::FORBIDDEN, "this server answers only to localhost addresses");
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        if let Some(origin) = req.headers().get(header::ORIGIN).and_then(|h| h.to_str().ok()) {
            let authority = origin.split_once("://").map_or(origin, |(_, a)| a);
            if authority != host {
                return fail(StatusCode::FORBIDDEN, "requests from other sites are refused");
            }
        }
    }
    let api = req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if api {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// `localhost`, `127.x.y.z` or `[::1]`, with or without a port.
fn loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(n, _)| n)
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

async fn page() -> Response {
    asset("text/html; charset=utf-8", INDEX)
}

async fn exercise_page(State(app): Shared, Path(stem): Path<String>) -> Response {
    if app.catalog.exercise(&stem).is_none() {
        return fail(StatusCode::NOT_FOUND, &app.catalog.no_exercise(&stem).to_string());
    }
    asset("text/html; charset=utf-8", INDEX)
}

fn json_response(status: StatusCode, v: Value) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], v.to_string()).into_response()
}

fn fail(status: StatusCode, msg: &str) -> Response {
    json_response(status, json!({ "errors": [msg] }))
}

fn reject(r: Rejection) -> Response {
    let status = StatusCode::from_u16(r.status).unwrap_or(StatusCode::BAD_REQUEST);
    json_response(status, json!({ "errors": r.errors }))
}

async fn health(State(app): Shared) -> Response {
    json_response(
        StatusCode::OK,
        json!({"ok": true, "active": app.jobs.active(), "known": app.jobs.known(), "max_jobs": app.limits.max_jobs}),
    )
}

async fn catalog(State(app): Shared) -> Response {
    json_response(StatusCode::OK, app.catalog.json(&app.limits, app.start.as_deref()))
}

async fn form(State(app): Shared, RawQuery(q): RawQuery) -> Response {
    let q = q.unwrap_or_default();
    let id = form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "state").map(|(_, v)| v.into_owned());
    let id = id.unwrap_or_else(|| app.catalog.main.scenario.states.first().map(|s| s.id.clone()).unwrap_or_default());
    match app.catalog.form(&id) {
        Some(v) => json_response(StatusCode::OK, v),
        None => fail(StatusCode::NOT_FOUND, &format!("no state '{id}' in the scenario")),
    }
}

/// Parse and validate on a blocking thread (building a scenario reads no file, but takes
/// a few milliseconds of CPU).
async fn prepared(app: &Arc<App>, q: String) -> Result<request::Prepared, Rejection> {
    let app = app.clone();
    let r = tokio::task::spawn_blocking(move || {
        let query = Query::parse(&q, &app.limits)?;
        request::prepare(&app.catalog, &app.limits, &query)
    })
    .await;
    match r {
        Ok(r) => r,
        Err(_) => Err(Rejection { status: 500, errors: vec!["validation failed unexpectedly".into()] }),
    }
}

async fn submit(State(app): Shared, body: String) -> Response {
    let p = match prepared(&app, body).await {
        Ok(p) => p,
        Err(r) => return reject(r),
    };
    match app.jobs.submit(p) {
        Ok(job) => {
            let mut res = json_response(StatusCode::ACCEPTED, job.status());
            if let Ok(v) = HeaderValue::from_str(&format!("/api/runs/{}", job.id)) {
                res.headers_mut().insert(header::LOCATION, v);
            }
            res
        }
        Err(Refused::Busy { active }) => {
            let msg = format!(
                "the server is busy: {active} runs are queued or running (at most {}); try again in a moment",
                app.limits.max_jobs
            );
            let mut res = fail(StatusCode::TOO_MANY_REQUESTS, &msg);
            res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
            res
        }
        Err(Refused::Closing) => fail(StatusCode::SERVICE_UNAVAILABLE, "the server is stopping"),
    }
}

fn job(app: &App, id: &str) -> Result<Arc<Job>, Rejection> {
    let gone = || Rejection {
        status: 404,
        errors: vec![format!(
            "no run '{id}' (this server forgets finished runs after {} newer ones)",
            app.limits.keep_jobs
        )],
    };
    let n: u64 = id.parse().map_err(|_| gone())?;
    app.jobs.get(n).ok_or_else(gone)
}

async fn status(State(app): Shared, Path(id): Path<String>) -> Response {
    match job(&app, &id) {
        Ok(j) => json_response(StatusCode::OK, j.status()),
        Err(r) => reject(r),
    }
}

async fn cancel(State(app): Shared, Path(id): Path<String>) -> Response {
    match job(&app, &id) {
        Ok(j) => {
            j.cancel();
            json_response(StatusCode::OK, j.status())
        }
        Err(r) => reject(r),
    }
}

/// The job's status every [`PROGRESS_EVERY`] until it has ended (the last event says how).
async fn events(State(app): Shared, Path(id): Path<String>) -> Response {
    let j = match job(&app, &id) {
        Ok(j) => j,
        Err(r) => return reject(r),
    };
    let stream = futures_util::stream::unfold((j, true, false), |(j, first, ended)| async move {
        if ended {
            return None;
        }
        if !first {
            tokio::time::sleep(PROGRESS_EVERY).await;
        }
        let fin = j.phase().finished();
        let ev = Event::default().data(j.status().to_string());
        Some((Ok::<_, Infallible>(ev), (j, false, fin)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

async fn download(State(app): Shared, Path(id): Path<String>) -> Response {
    let j = match job(&app, &id) {
        Ok(j) => j,
        Err(r) => return reject(r),
    };
    if j.phase() != Phase::Done {
        return fail(StatusCode::CONFLICT, "this run has not finished");
    }
    if !j.has_files() {
        return fail(
            StatusCode::GONE,
            "the files of this run were removed to save space (only the newest runs keep theirs): run it again, \
             the same seed gives the same files",
        );
    }
    let Ok(_permit) = app.zips.try_acquire() else {
        return fail(StatusCode::TOO_MANY_REQUESTS, "other downloads are being packed; try again in a moment");
    };
    let toml = request::export_toml(&j.req, &j.req.page_path());
    let jb = j.clone();
    let zipped = tokio::task::spawn_blocking(move || zip_results(&jb, &toml)).await;
    match zipped {
        Ok(Ok(bytes)) => {
            let name = format!("{}-results.zip", j.req.file_name().trim_end_matches(".toml"));
            attachment(bytes.into(), "application/zip", &name)
        }
        Ok(Err(e)) => fail(StatusCode::GONE, &format!("cannot pack the files of this run: {e}")),
        Err(_) => fail(StatusCode::INTERNAL_SERVER_ERROR, "packing the files failed unexpectedly"),
    }
}

/// The files of a job's results (known names only) and its scenario file, zipped once and
/// kept beside them.
fn zip_results(j: &Job, toml: &str) -> crate::error::Result<Vec<u8>> {
    use crate::error::Error;
    use std::io::Write;
    let dir = j.dir.join(RESULTS);
    let cached = j.dir.join("results.zip");
    if let Ok(bytes) = std::fs::read(&cached) {
        return Ok(bytes);
    }
    let mut out = crate::output::atomic::AtomicFile::create(&cached)?.without_sync();
    {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1))
            .large_file(true);
        let files = ["runs.csv", "summary.csv", "states.csv", "timeseries.csv", "manifest.json"];
        for name in files {
            let path = dir.join(name);
            let mut f =
                std::fs::File::open(&path).map_err(|e| Error::run(format!("cannot read {}", path.display()), e))?;
            z.start_file(name, opts).map_err(|e| Error::run("cannot zip", e))?;
            std::io::copy(&mut f, &mut z).map_err(|e| Error::run("cannot zip", e))?;
        }
        z.start_file(j.req.file_name(), opts).map_err(|e| Error::run("cannot zip", e))?;
        z.write_all(toml.as_bytes()).map_err(|e| Error::run("cannot zip", e))?;
        let bytes = z.finish().map_err(|e| Error::run("cannot zip", e))?.into_inner();
        out.write_all(&bytes).map_err(|e| Error::run(format!("cannot write {}", cached.display()), e))?;
    }
    out.commit()?;
    std::fs::read(&cached).map_err(|e| Error::run(format!("cannot read {}", cached.display()), e))
}

async fn results(State(app): Shared, RawQuery(q): RawQuery) -> Response {
    let q = q.unwrap_or_default();
    let ids: Vec<String> = form_urlencoded::parse(q.as_bytes())
        .filter(|(k, _)| k == "jobs")
        .flat_map(|(_, v)| v.split(',').map(|s| s.trim().to_string()).collect::<Vec<_>>())
        .filter(|s| !s.is_empty())
        .collect();
    if ids.is_empty() || ids.len() > MAX_COMPARED {
        return fail(StatusCode::BAD_REQUEST, &format!("give 1 to {MAX_COMPARED} runs: ?jobs=N,M"));
    }
    let mut jobs = Vec::new();
    for id in &ids {
        match job(&app, id) {
            Ok(j) => jobs.push(j),
            Err(r) => return reject(r),
        }
    }
    let mut outcomes = Vec::new();
    for j in &jobs {
        match j.outcome() {
            Some(o) => outcomes.push((j.clone(), o)),
            None => return fail(StatusCode::CONFLICT, &format!("run {} has not finished", j.id)),
        }
    }
    if outcomes.iter().any(|(j, _)| j.req.key != outcomes[0].0.req.key) {
        return fail(
            StatusCode::BAD_REQUEST,
            "these runs start from different unchanged scenarios (file, runs, months or seed differ): compare runs of one",
        );
    }
    let mut list: Vec<live::Results> = vec![outcomes[0].1.reference.clone()];
    for (j, o) in &outcomes {
        if j.req.changed() {
            let mut label = o.main.label().to_string();
            let mut k = 2;
            while list.iter().any(|r| r.label() == label) {
                label = format!("{} #{k}", o.main.label());
                k += 1;
            }
            list.push(o.main.with_label(&label));
        }
    }
    let drawn = tokio::task::spawn_blocking(move || live::fragment(&list)).await;
    match drawn {
        Ok(Ok(f)) => {
            let mut res = Response::new(Body::from(f.html));
            res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
            if let Ok(v) = HeaderValue::from_str(&f.charts.len().to_string()) {
                res.headers_mut().insert("x-charts", v);
            }
            res
        }
        Ok(Err(e)) => fail(StatusCode::INTERNAL_SERVER_ERROR, &format!("cannot draw the charts: {e}")),
        Err(_) => fail(StatusCode::INTERNAL_SERVER_ERROR, "drawing the charts failed unexpectedly"),
    }
}

async fn export(State(app): Shared, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    let p = match prepared(&app, q.unwrap_or_default()).await {
        Ok(p) => p,
        Err(r) => return reject(r),
    };
    // the Host header was checked by `guard` on loopback; elsewhere keep only safe characters
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let host: String = host.chars().filter(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(*c)).collect();
    let page = format!("http://{host}{}", p.page_path());
    attachment(request::export_toml(&p, &page).into(), "application/toml; charset=utf-8", &p.file_name())
}

/// A download: `body` of type `kind`, saved by the browser as `name` (made of safe characters
/// by [`request::Prepared::file_name`]).
fn attachment(body: Body, kind: &'static str, name: &str) -> Response {
    let mut res = Response::new(body);
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::loopback_host;

    #[test]
    fn loopback_host_names() {
        for h in ["localhost", "localhost:8080", "127.0.0.1:1", "127.3.4.5", "[::1]:8080", "[::1]", "LOCALHOST:2"] {
            assert!(loopback_host(h), "{h}");
        }
        for h in ["", "evil.example:8080", "10.0.0.1:8080", "localhost.evil.example", "[::2]:80"] {
            assert!(!loopback_host(h), "{h}");
        }
    }
}
