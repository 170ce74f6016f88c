//! Publishing overhead (issue #5): Copydesk's wall time to publish one
//! article (2 locale versions × 3 images) to a real WordPress on 127.0.0.1,
//! against the sum of the HTTP round-trips it makes.
//!
//! The round-trips are timed by a recording loopback proxy between Copydesk
//! and WordPress (plain TCP, bytes passed through unchanged): for each
//! request, from its first byte forwarded to WordPress to the last byte of the
//! answer received from it. overhead = publish time − that sum; ratio =
//! publish time / that sum. Measured for a *first* publish (a fresh article,
//! its images uploaded) and a *republish* with no change, with tiny images
//! (1×1 PNG) and with ~200 KB ones. Two cross-checks: what the proxy's extra
//! hop costs a client (a static file fetched directly and through it), and
//! the recorded requests replayed straight to WordPress by a plain client.
//!
//! Run: `cargo bench -p copydesk-core --bench publish`
//! (`COPYDESK_BENCH_RUNS=N`, default 30). Needs the test WordPress's Debian
//! packages (`bash scripts/setup.sh test`). `cargo test` never runs it (with
//! `--benches` or `--all-targets` it only prints that it was skipped).

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use copydesk_core::{
    ClientOptions, Credentials, NewSite, PublishOptions, PublishRequest, RequestedStatus, Status,
    Workspace,
};
use copydesk_test_wordpress::{Harness, WordPressSite, png};

const SITE: &str = "bench wp";

// ---- the recording proxy -------------------------------------------------------

/// One request/answer exchange on a proxied connection.
struct Exchange {
    /// `METHOD /path` (query left out, numeric ids as `{id}`).
    label: String,
    /// First request byte forwarded to WordPress.
    start: Instant,
    /// Last answer byte received from WordPress.
    end: Instant,
    /// The request as the client sent it (for the replay).
    request: Vec<u8>,
}

struct Open {
    label: String,
    start: Instant,
    last_answer: Option<Instant>,
    request: Vec<u8>,
}

#[derive(Default)]
struct Recorder {
    exchanges: Mutex<Vec<Exchange>>,
    open_connections: AtomicUsize,
    connections: AtomicUsize,
}

impl Recorder {
    fn close(&self, open: Open) {
        if let Some(end) = open.last_answer {
            self.exchanges.lock().unwrap().push(Exchange {
                label: open.label,
                start: open.start,
                end,
                request: open.request,
            });
        }
    }
}

/// Forwards every connection to WordPress and records its exchanges. Works
/// with keep-alive connections: HTTP/1.1 clients do not pipeline, so client
/// bytes arriving after answer bytes start the next request.
struct Proxy {
    url: String,
    recorder: Arc<Recorder>,
}

impl Proxy {
    fn start(upstream_url: &str) -> Proxy {
        let upstream = upstream_url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let recorder = Arc::new(Recorder::default());
        let shared = recorder.clone();
        thread::spawn(move || {
            for client in listener.incoming().flatten() {
                shared.open_connections.fetch_add(1, Ordering::SeqCst);
                shared.connections.fetch_add(1, Ordering::SeqCst);
                let recorder = shared.clone();
                let upstream = upstream.clone();
                thread::spawn(move || {
                    relay(client, &upstream, &recorder);
                    recorder.open_connections.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        Proxy { url, recorder }
    }

    /// The exchanges since the last call, once every connection is closed
    /// (the client is dropped at the end of a publish, closing its pool).
    fn take(&self) -> (Vec<Exchange>, usize) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.recorder.open_connections.load(Ordering::SeqCst) > 0 {
            assert!(Instant::now() < deadline, "a client connection stayed open");
            thread::sleep(Duration::from_millis(1));
        }
        let mut exchanges = std::mem::take(&mut *self.recorder.exchanges.lock().unwrap());
        exchanges.sort_by_key(|e| e.start);
        let connections = self.recorder.connections.swap(0, Ordering::SeqCst);
        (exchanges, connections)
    }
}

fn label(request: &[u8]) -> String {
    let line = request.split(|b| *b == b'\r').next().unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    let mut parts = line.split(' ');
    let method = parts.next().unwrap_or("?");
    let path = parts
        .next()
        .unwrap_or("?")
        .split('?')
        .next()
        .unwrap_or_default();
    let path: Vec<&str> = path
        .split('/')
        .map(|s| {
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                "{id}"
            } else {
                s
            }
        })
        .collect();
    format!("{method} {}", path.join("/"))
}

fn relay(client: TcpStream, upstream: &str, recorder: &Arc<Recorder>) {
    let Ok(server) = TcpStream::connect(upstream) else {
        return;
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let state: Arc<Mutex<Option<Open>>> = Arc::default();
    let (Ok(mut from_client), Ok(mut to_server)) = (client.try_clone(), server.try_clone()) else {
        return;
    };
    let requests = {
        let state = state.clone();
        let recorder = recorder.clone();
        thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = match from_client.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                {
                    let mut open = state.lock().unwrap();
                    if open.as_ref().is_some_and(|o| o.last_answer.is_some()) {
                        // The previous answer is complete: a new request.
                        recorder.close(open.take().unwrap());
                    }
                    match open.as_mut() {
                        Some(o) => o.request.extend_from_slice(&buf[..n]),
                        None => {
                            *open = Some(Open {
                                label: label(&buf[..n]),
                                start: Instant::now(),
                                last_answer: None,
                                request: buf[..n].to_vec(),
                            });
                        }
                    }
                }
                if to_server.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
            let _ = to_server.shutdown(Shutdown::Both);
        })
    };
    let (mut from_server, mut to_client) = (server, client);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match from_server.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let now = Instant::now();
        if let Some(o) = state.lock().unwrap().as_mut() {
            o.last_answer = Some(now);
        }
        if to_client.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = to_client.shutdown(Shutdown::Both);
    let _ = requests.join();
    if let Some(open) = state.lock().unwrap().take() {
        recorder.close(open);
    }
}

// ---- a plain HTTP client (cross-checks) --------------------------------------

/// `request` with `Connection: close`, so the answer ends at EOF.
fn close_after(request: &[u8]) -> Vec<u8> {
    let end = request
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete request head")
        + 2;
    let head = String::from_utf8_lossy(&request[..end]);
    let mut out: Vec<u8> = head
        .split_inclusive("\r\n")
        .filter(|line| !line.to_ascii_lowercase().starts_with("connection:"))
        .collect::<String>()
        .into_bytes();
    out.extend_from_slice(b"Connection: close\r\n");
    out.extend_from_slice(&request[end..]);
    out
}

/// Sends one request on a new connection and reads the answer to its end:
/// the client-side round-trip, connection included, and the answer's status.
fn round_trip(addr: &str, request: &[u8]) -> (Duration, u16) {
    let start = Instant::now();
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_nodelay(true).unwrap();
    stream.write_all(request).expect("send");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("read the answer");
    let elapsed = start.elapsed();
    let status = answer
        .split(|b| *b == b' ')
        .nth(1)
        .and_then(|s| std::str::from_utf8(s).ok())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (elapsed, status)
}

fn host(url: &str) -> &str {
    url.trim_start_matches("http://").trim_end_matches('/')
}

// ---- figures ---------------------------------------------------------------------

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The value at quantile `p` of `values` (nearest rank).
fn quantile(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// One timed publish.
struct Sample {
    wall: f64,
    round_trips: f64,
    requests: usize,
    connections: usize,
    /// From the call to the first request byte reaching the proxy.
    before: f64,
    /// Between an answer's last byte and the next request's first byte.
    between: f64,
    /// From the last answer byte to the call's return.
    after: f64,
    /// Each exchange's label and upstream time.
    exchanges: Vec<(String, f64)>,
    /// Copydesk's own time before each exchange, then after the last one.
    gaps: Vec<f64>,
    requests_sent: Vec<Vec<u8>>,
}

fn sample(t0: Instant, t1: Instant, exchanges: Vec<Exchange>, connections: usize) -> Sample {
    let first = exchanges.first().expect("the publish sent requests");
    let mut gaps = vec![ms(first.start.saturating_duration_since(t0))];
    let mut last_end = first.end;
    for e in &exchanges[1..] {
        gaps.push(ms(e.start.saturating_duration_since(last_end)));
        last_end = last_end.max(e.end);
    }
    let after = ms(t1.saturating_duration_since(last_end));
    let (before, between) = (gaps[0], gaps[1..].iter().sum());
    gaps.push(after);
    Sample {
        wall: ms(t1 - t0),
        round_trips: exchanges.iter().map(|e| ms(e.end - e.start)).sum(),
        requests: exchanges.len(),
        connections,
        before,
        between,
        after,
        gaps,
        exchanges: exchanges
            .iter()
            .map(|e| (e.label.clone(), ms(e.end - e.start)))
            .collect(),
        requests_sent: exchanges.into_iter().map(|e| e.request).collect(),
    }
}

fn report(name: &str, samples: &[Sample], hop: f64) {
    let col = |f: fn(&Sample) -> f64| samples.iter().map(f).collect::<Vec<f64>>();
    let wall = col(|s| s.wall);
    let rt = col(|s| s.round_trips);
    let overhead = col(|s| s.wall - s.round_trips);
    let ratio = col(|s| s.wall / s.round_trips);
    let mut requests: Vec<usize> = samples.iter().map(|s| s.requests).collect();
    requests.sort_unstable();
    requests.dedup();
    let connections = median(&col(|s| s.connections as f64));
    let n = median(&col(|s| s.requests as f64));
    println!(
        "{name:<34} runs {:>3}  publish median {:>7.1} ms  p90 {:>7.1} ms | round-trips median {:>7.1} ms, {:?} requests, {connections} connections | overhead median {:>5.1} ms (p90 {:.1}), ratio {:.3} (p90 {:.3})",
        samples.len(),
        median(&wall),
        quantile(&wall, 0.9),
        median(&rt),
        requests,
        median(&overhead),
        quantile(&overhead, 0.9),
        median(&ratio),
        quantile(&ratio, 0.9),
    );
    println!(
        "{:<34} overhead split (medians): before the first request {:.1} ms, between requests {:.1} ms, after the last answer {:.1} ms; of it the proxy's hop ≈ {:.1} ms ({n} × {hop:.2} ms); without it {:.1} ms, ratio {:.3}",
        "",
        median(&col(|s| s.before)),
        median(&col(|s| s.between)),
        median(&col(|s| s.after)),
        n * hop,
        median(&overhead) - n * hop,
        median(
            &samples
                .iter()
                .map(|s| (s.wall - s.requests as f64 * hop) / s.round_trips)
                .collect::<Vec<f64>>()
        ),
    );
}

/// The publish as a timeline, position by position (every run sends the
/// same sequence): Copydesk's own time before each request (since the
/// previous answer's last byte, or since the call), the request's upstream
/// time, and Copydesk's time after the last answer. Medians over the runs.
fn timeline(name: &str, samples: &[Sample]) {
    let labels: Vec<&str> = samples[0]
        .exchanges
        .iter()
        .map(|(l, _)| l.as_str())
        .collect();
    assert!(
        samples.iter().all(|s| s
            .exchanges
            .iter()
            .map(|(l, _)| l.as_str())
            .eq(labels.iter().copied())),
        "every run sends the same requests"
    );
    let at = |f: &dyn Fn(&Sample) -> f64| median(&samples.iter().map(f).collect::<Vec<f64>>());
    println!("  {name}: Copydesk's own time | upstream round-trip, medians");
    for (i, label) in labels.iter().enumerate() {
        println!(
            "    {:>6.2} ms | {:>6.1} ms  {label}",
            at(&|s| s.gaps[i]),
            at(&|s| s.exchanges[i].1),
        );
    }
    println!("    {:>6.2} ms | return", at(&|s| s.gaps[labels.len()]));
}

/// Replays the recorded requests of the last `how_many` publishes with a
/// plain client, one connection each: straight to WordPress, then through
/// the proxy. Medians of the per-publish sums: the client's round-trips
/// direct, the client's round-trips through the proxy, and the round-trips
/// the proxy recorded for the latter (the figure the overhead is taken from).
fn replay(site: &WordPressSite, proxy: &Proxy, samples: &[Sample], how_many: usize) -> [f64; 3] {
    let (direct_addr, proxy_addr) = (host(&site.url), host(&proxy.url));
    let send_all = |addr: &str, s: &Sample| -> f64 {
        s.requests_sent
            .iter()
            .map(|r| {
                let (t, status) = round_trip(addr, &close_after(r));
                assert!(status > 0, "no answer to a replayed request");
                ms(t)
            })
            .sum()
    };
    let (mut direct, mut via, mut recorded) = (Vec::new(), Vec::new(), Vec::new());
    proxy.take();
    for s in samples.iter().rev().take(how_many) {
        direct.push(send_all(direct_addr, s));
        via.push(send_all(proxy_addr, s));
        let (exchanges, _) = proxy.take();
        recorded.push(exchanges.iter().map(|e| ms(e.end - e.start)).sum());
    }
    [median(&direct), median(&via), median(&recorded)]
}

// ---- the workspace -----------------------------------------------------------------

fn options(site: &WordPressSite) -> PublishOptions {
    PublishOptions {
        // The app's client settings (time-outs, retries, user agent).
        client: ClientOptions::default(),
        credentials: Credentials::with_env(
            HashMap::from([(
                copydesk_core::site_password_env_var(SITE),
                site.password.clone(),
            )]),
            false,
        ),
        ..PublishOptions::default()
    }
}

fn markdown(locale: &str, title: &str, slug: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\nslug: {slug}\nlocale: {locale}\nsummary: \"{title} — summary\"\ntags: [\"Photographie\", \"Nouveau 🎉\"]\nstatus: ready\n---\n\n{body}\n"
    )
}

/// Makes `locale` of `article` ready, whatever the import left it as.
fn make_ready(ws: &Workspace, article: &str, locale: &str, source: bool) {
    if !source {
        ws.mark_blocks_up_to_date(article, locale, None).unwrap();
    }
    let a = ws.get_article(article).unwrap();
    let v = a.versions.iter().find(|v| v.locale == locale).unwrap();
    if v.status != Status::Ready {
        let text = ws.export_markdown(article, locale).unwrap();
        let text = text.replacen(
            &format!("status: {}", v.status.as_str()),
            "status: ready",
            1,
        );
        ws.import_markdown(article, locale, &text, true).unwrap();
    }
}

/// A fresh article in fr and en, each showing the same three new images.
fn create_article(ws: &Workspace, slug: &str, images: &[Vec<u8>; 3]) -> String {
    let names: Vec<String> = ["one", "two photo", "three"]
        .iter()
        .map(|n| format!("{slug}-{n}.png"))
        .collect();
    for (name, bytes) in names.iter().zip(images) {
        std::fs::write(ws.root().join("assets").join(name), bytes).unwrap();
    }
    let src: Vec<String> = names
        .iter()
        .map(|n| format!("assets/{}", n.replace(' ', "%20")))
        .collect();
    let paragraph = "Le sommet a réuni des équipes venues de toute l'Europe pour parler de sobriété numérique, de données ouvertes et de traduction. ".repeat(3);
    let fr = format!(
        "Un essai en **trois** images.\n\n{paragraph}\n\n![Première]({})\n\n{paragraph}\n\n![Deuxième]({})\n\nTexte entre les images, avec de l'arabe : مرحبا 🎉.\n\n![Troisième]({})\n\n{paragraph}\n",
        src[0], src[1], src[2]
    );
    let en = format!(
        "An essay in **three** pictures.\n\n{paragraph}\n\n![First]({})\n\n{paragraph}\n\n![Second]({})\n\nText between the pictures.\n\n![Third]({})\n\n{paragraph}\n",
        src[0], src[1], src[2]
    );
    ws.import_markdown(slug, "fr", &markdown("fr", "Essai photo", slug, &fr), false)
        .unwrap();
    let id = ws.find_article(slug).unwrap().unwrap();
    ws.import_markdown(&id, "en", &markdown("en", "Photo essay", slug, &en), false)
        .unwrap();
    make_ready(ws, &id, "fr", true);
    make_ready(ws, &id, "en", false);
    id
}

// ---- images --------------------------------------------------------------------------

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A valid RGB PNG of `width`×`height` photo-like noise (incompressible,
/// stored without compression: ~3 bytes a pixel), different for each `seed`.
fn photo_png(width: u32, height: u32, seed: u64) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut raw = Vec::with_capacity((height * (width * 3 + 1)) as usize);
    for y in 0..height {
        raw.push(0); // filter: none
        for x in 0..width {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let noise = (state & 0x3f) as u32;
            raw.push(((x + noise) & 0xff) as u8);
            raw.push(((y + noise) & 0xff) as u8);
            raw.push((((x + y) / 2 + noise) & 0xff) as u8);
        }
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &zlib);
    chunk(&mut png, b"IEND", &[]);
    png
}

// ---- the benchmark -------------------------------------------------------------------

/// The proxy's own cost to a client: a static file (no PHP) fetched directly
/// and through the proxy, alternately. Returns the median difference between
/// the client's round-trip through the proxy and the upstream time the proxy
/// recorded for it (what the proxy adds and the round-trip sum leaves out).
fn calibrate(site: &WordPressSite, proxy: &Proxy) -> f64 {
    let request = |addr: &str| {
        format!(
            "GET /readme.html HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: bench\r\nConnection: close\r\n\r\n"
        )
    };
    let direct_addr = host(&site.url).to_owned();
    let proxy_addr = host(&proxy.url).to_owned();
    let (mut direct, mut via, mut hop) = (Vec::new(), Vec::new(), Vec::new());
    proxy.take();
    for i in 0..220 {
        let (d, status) = round_trip(&direct_addr, request(&direct_addr).as_bytes());
        assert_eq!(status, 200, "GET /readme.html");
        let (v, _) = round_trip(&proxy_addr, request(&proxy_addr).as_bytes());
        let (recorded, _) = proxy.take();
        let upstream = recorded.iter().map(|e| ms(e.end - e.start)).sum::<f64>();
        if i >= 20 {
            direct.push(ms(d));
            via.push(ms(v));
            hop.push(ms(v) - upstream);
        }
    }
    let hop = median(&hop);
    println!(
        "proxy calibration (GET /readme.html, 7 KB static, 200 runs): direct {:.2} ms, through the proxy {:.2} ms; the proxy adds {hop:.2} ms a request outside the recorded round-trip",
        median(&direct),
        median(&via),
    );
    hop
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` / `--all-targets`
    // run this binary without it: never start WordPress for a test run.
    if !std::env::args().any(|a| a == "--bench") {
        println!(
            "publish bench: skipped (run it with `cargo bench -p copydesk-core --bench publish`)"
        );
        return;
    }
    let runs: usize = std::env::var("COPYDESK_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30)
        .max(1);
    let started = Instant::now();
    let harness = Harness::start(Path::new(env!("CARGO_TARGET_TMPDIR")), "bench-wp-");
    let site = &harness.site;
    println!(
        "WordPress on {} started in {:.1} s",
        site.url,
        started.elapsed().as_secs_f64()
    );
    let proxy = Proxy::start(&site.url);
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let options = options(site);
    ws.add_site(
        &NewSite {
            name: SITE.into(),
            url: proxy.url.clone(),
            user_name: site.user.clone(),
        },
        None,
        &options.credentials,
    )
    .unwrap();
    let check = ws
        .test_site(SITE, &options.credentials, options.client.clone())
        .expect("the connection test passes through the proxy");
    assert!(
        check.locale_links && check.media_hash && check.can_publish,
        "{check:?}"
    );
    let hop = calibrate(site, &proxy);

    // Each publish builds one WordPress client (reqwest + rustls): its cost.
    let builds: Vec<f64> = (0..21)
        .map(|_| {
            let t = Instant::now();
            let client = copydesk_publish::WordPress::with_options(
                &proxy.url,
                &site.user,
                &site.password,
                ClientOptions::default(),
            )
            .expect("a client");
            let elapsed = ms(t.elapsed());
            drop(client);
            elapsed
        })
        .collect();
    println!(
        "building the WordPress client: {:.2} ms the first time, then median {:.2} ms",
        builds[0],
        median(&builds[1..])
    );

    let publish = |article: &str| -> Sample {
        let request = PublishRequest {
            site: SITE.into(),
            article: article.into(),
            locales: Vec::new(),
            status: RequestedStatus::Publish,
            scheduled_at: None,
            dry_run: false,
        };
        proxy.take();
        let t0 = Instant::now();
        let report = ws
            .publish(&request, &options, &mut |_| {})
            .expect("publish runs");
        let t1 = Instant::now();
        assert!(report.succeeded(), "{report:#?}");
        assert_eq!(report.locales.len(), 2);
        let (exchanges, connections) = proxy.take();
        sample(t0, t1, exchanges, connections)
    };

    let mut summary = Vec::new();
    for (n, (scenario, make)) in [
        (
            "1×1 PNG (~70 B)",
            (|seed: u64| png(&format!("bench-{seed}"))) as fn(u64) -> Vec<u8>,
        ),
        (
            "256×260 PNG (~200 KB)",
            (|seed: u64| photo_png(256, 260, seed)) as fn(u64) -> Vec<u8>,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let mut first = Vec::new();
        let mut again = Vec::new();
        let mut image_bytes = 0;
        // Run 0 warms up (creates the tags, loads WordPress's files).
        for i in 0..=runs {
            let seed = (n * 10_000 + i) as u64 * 3;
            let images = [make(seed), make(seed + 1), make(seed + 2)];
            image_bytes = images[0].len();
            let article = create_article(&ws, &format!("bench-{n}-{i}"), &images);
            let s1 = publish(&article);
            let s2 = publish(&article);
            if i > 0 {
                first.push(s1);
                again.push(s2);
            }
        }
        println!();
        println!("== 1 article × 2 locales × 3 images, {scenario}, {image_bytes} bytes each ==");
        report("publish/first (uploads)", &first, hop);
        report("publish/republish (no change)", &again, hop);
        timeline("first publish", &first);
        timeline("republish", &again);
        let replays = 10.min(runs);
        for (name, samples) in [("first publish", &first), ("republish", &again)] {
            let [direct, via, recorded] = replay(site, &proxy, samples, replays);
            println!(
                "  {name} replayed by a plain client (one connection a request, last {replays} runs): straight to WordPress {direct:.1} ms; through the proxy {via:.1} ms, of which it recorded {recorded:.1} ms of round-trips (medians)"
            );
        }
        let col =
            |v: &[Sample], f: fn(&Sample) -> f64| median(&v.iter().map(f).collect::<Vec<_>>());
        summary.push(format!(
                "{scenario}: first {:.1} ms / {:.1} ms of round-trips = {:.3}; republish {:.1} ms / {:.1} ms = {:.3}",
                col(&first, |s| s.wall),
                col(&first, |s| s.round_trips),
                col(&first, |s| s.wall / s.round_trips),
                col(&again, |s| s.wall),
                col(&again, |s| s.round_trips),
                col(&again, |s| s.wall / s.round_trips),
        ));
    }
    println!();
    for line in &summary {
        println!("summary: {line}");
    }
    drop(ws);
}
