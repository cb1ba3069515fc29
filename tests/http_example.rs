//! The curl session of the HTTP guide (docs/http.md) against the
//! axum_server example is what the example answers, and the log line it
//! shows is what the example logs.

#![cfg(all(feature = "axum", feature = "reqwest", feature = "metrics"))]

mod support;

// The example's `main` is not run here: its router is.
#[allow(dead_code)]
#[path = "../examples/axum_server.rs"]
mod example;

use std::future::IntoFuture;
use std::time::Duration;

const README: &str = include_str!("../docs/http.md");

/// The lines of the first fenced block of `kind` after `after` in the README.
fn block_after(after: &str, kind: &str) -> Vec<&'static str> {
    let start = README.find(after).expect("the HTTP guide has the marker");
    let fence = format!("```{kind}\n");
    let start = README[start..].find(&fence).unwrap() + start + fence.len();
    let end = README[start..].find("```").unwrap() + start;
    README[start..end].lines().collect()
}

#[tokio::test]
async fn the_readme_curl_session_is_what_the_example_answers() {
    let commands = block_after("cargo run --example axum_server --features axum", "sh");
    // The last command reads `/metrics`, which `main` adds to the router
    // with the Prometheus recorder: checked below through the counts.
    let commands: Vec<&str> = commands
        .into_iter()
        .filter(|line| line.starts_with("curl ") && !line.contains("/metrics"))
        .collect();
    let printed = block_after("The commands print", "text");
    let (outputs, scraped) = printed.split_at(commands.len());
    assert_eq!(commands.len(), 6, "{commands:?}");
    let recorder = metrics_util::debugging::DebuggingRecorder::new();
    let counters = recorder.snapshotter();
    recorder.install().unwrap();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(
        axum::serve(listener, example::router())
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .into_future(),
    );
    let log = support::log::capture();
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();

    for (command, output) in commands.iter().zip(outputs) {
        let words: Vec<&str> = command.split_whitespace().collect();
        let method = match words.iter().position(|word| *word == "-X") {
            Some(at) => words[at + 1],
            None => "GET",
        };
        let url = words.last().unwrap();
        let path = url
            .strip_prefix("http://127.0.0.1:3000")
            .expect("the README's URLs are the example's default address");
        let response = client
            .request(method.parse().unwrap(), format!("http://{address}{path}"))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        assert_eq!(format!("{body} {status}"), *output, "{command}");
    }

    // The counts that the README's scrape shows, written as the exporter
    // writes them.
    let mut counted: Vec<String> = counters
        .snapshot()
        .into_vec()
        .into_iter()
        .map(|(key, _, _, value)| {
            let labels: Vec<String> = key
                .key()
                .labels()
                .map(|label| format!("{}=\"{}\"", label.key(), label.value()))
                .collect();
            let metrics_util::debugging::DebugValue::Counter(count) = value else {
                panic!("{key:?} is not a counter");
            };
            format!("{}{{{}}} {count}", key.key().name(), labels.join(","))
        })
        .collect();
    counted.sort();
    let scraped: Vec<&str> = scraped
        .iter()
        .copied()
        .filter(|line| !line.starts_with('#'))
        .collect();
    assert_eq!(counted, scraped);

    // The withheld detail of 0000003 is in the log, as the README shows it,
    // inside the request's span.
    let logged = block_after("The server's log holds", "text");
    let prefix = "ERROR request{method=GET uri=/keys/0000003 version=HTTP/1.1 \
                  error.type=\"50001\" skms.code=50001}: skms_core: [50001] \
                  \"An unexpected error has occurred in the internal system\"; \
                  detail withheld from the client code=50001 status=500 detail=\"";
    // The detail is one quoted token, as fmt writes a string field.
    let detail = logged[0]
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("the README's log line");
    assert!(detail.contains("10.14.10.171"));
    let detail = detail.replace(r#"\""#, "\"");
    assert_eq!(log.with_detail(&detail).len(), 1);
    // Only the admin router sends it.
    let sent: Vec<&&str> = outputs
        .iter()
        .filter(|output| output.contains("10.14.10.171"))
        .collect();
    assert_eq!(sent.len(), 1);
    let admin = commands.iter().position(|c| c.contains("/admin/")).unwrap();
    assert_eq!(*sent[0], outputs[admin]);

    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}
