//! What observing an answered error costs: `skms_core::observe::answered`,
//! which every integration calls once per answer, and a whole answer
//! (`DetailPolicy::http_response`) with and without observers.
//!
//! - `answered/nothing`: no subscriber, no recorder (the span fields are
//!   looked for and not found, the counter goes to the no-op recorder);
//! - `answered/span_without_fields`: a subscriber (tracing-subscriber's
//!   registry) and a current span that declares neither field;
//! - `answered/span`: the span of `observe::http_span`, which declares both;
//! - `answered/counter_atomic`: a recorder whose counter is one atomic, so
//!   that what is measured is skms's part (the key's lookup, the recorder's
//!   call);
//! - `answered/counter_prometheus`: metrics-exporter-prometheus's recorder;
//! - `answered/span_and_prometheus`: both, as the axum example runs;
//! - `by_hand/counter_prometheus`: what a service writes without skms,
//!   `metrics::counter!` with the code and status formatted for each
//!   answer, into the same recorder;
//! - `http_response/{nothing,span_and_prometheus}`: the whole answer of a
//!   40013 with its detail, body written, without and with observers.
//!
//! The subscriber and the recorder are this thread's defaults
//! (`set_default`), as a test would install them; a global subscriber is
//! reached a little faster. Run with `cargo bench --bench observe
//! --features bench,axum,metrics`.

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use metrics::{Counter, Gauge, Histogram, Key, KeyName, Metadata, Recorder, SharedString, Unit};
use skms_core::observe::{self, Transport};
use skms_core::{DetailPolicy, SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(
        code = 40013,
        status = 400,
        msg = "Key not found in the keyVault",
        detail = "keyId : {key_id}"
    )]
    KeyNotFound { key_id: String },
    #[skms(transparent)]
    Standard(StandardError),
}

/// A recorder whose every counter is one atomic: the least a recorder can
/// cost.
struct AtomicRecorder(Arc<AtomicU64>);

impl Recorder for AtomicRecorder {
    fn describe_counter(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_gauge(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_histogram(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}

    fn register_counter(&self, _: &Key, _: &Metadata<'_>) -> Counter {
        Counter::from_arc(Arc::clone(&self.0))
    }

    fn register_gauge(&self, _: &Key, _: &Metadata<'_>) -> Gauge {
        Gauge::noop()
    }

    fn register_histogram(&self, _: &Key, _: &Metadata<'_>) -> Histogram {
        Histogram::noop()
    }
}

fn request() -> http::Request<()> {
    http::Request::get("/keys/0000009").body(()).unwrap()
}

fn answered(c: &mut Criterion) {
    let error = KmsError::KeyNotFound {
        key_id: "0000009".into(),
    };
    let mut group = c.benchmark_group("answered");

    group.bench_function("nothing", |b| {
        b.iter(|| observe::answered(black_box(&error), Transport::Http));
    });

    {
        let _subscriber = tracing::subscriber::set_default(tracing_subscriber::registry());
        let span = tracing::info_span!("request", key = "0000009");
        let _entered = span.enter();
        group.bench_function("span_without_fields", |b| {
            b.iter(|| observe::answered(black_box(&error), Transport::Http));
        });
    }

    {
        let _subscriber = tracing::subscriber::set_default(tracing_subscriber::registry());
        let span = observe::http_span(&request());
        let _entered = span.enter();
        group.bench_function("span", |b| {
            b.iter(|| observe::answered(black_box(&error), Transport::Http));
        });
    }

    {
        let counted = Arc::new(AtomicU64::new(0));
        let recorder = AtomicRecorder(Arc::clone(&counted));
        let _recorder = metrics::set_default_local_recorder(&recorder);
        group.bench_function("counter_atomic", |b| {
            b.iter(|| observe::answered(black_box(&error), Transport::Http));
        });
        assert!(counted.load(Ordering::Relaxed) > 0);
    }

    {
        let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
        let handle = recorder.handle();
        let _recorder = metrics::set_default_local_recorder(&recorder);
        group.bench_function("counter_prometheus", |b| {
            b.iter(|| observe::answered(black_box(&error), Transport::Http));
        });
        assert!(handle
            .render()
            .contains(r#"skms_errors_total{code="40013""#));
    }

    {
        let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
        let _recorder = metrics::set_default_local_recorder(&recorder);
        let _subscriber = tracing::subscriber::set_default(tracing_subscriber::registry());
        let span = observe::http_span(&request());
        let _entered = span.enter();
        group.bench_function("span_and_prometheus", |b| {
            b.iter(|| observe::answered(black_box(&error), Transport::Http));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("by_hand");
    {
        let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
        let _recorder = metrics::set_default_local_recorder(&recorder);
        group.bench_function("counter_prometheus", |b| {
            b.iter(|| {
                let error = black_box(&error);
                metrics::counter!(
                    "skms_errors_total",
                    "code" => error.code().to_string(),
                    "status" => error.status().to_string(),
                    "transport" => "http",
                )
                .increment(1);
            });
        });
    }
    group.finish();
}

fn http_response(c: &mut Criterion) {
    let error = KmsError::KeyNotFound {
        key_id: "0000009".into(),
    };
    let mut group = c.benchmark_group("http_response");
    group.bench_function("nothing", |b| {
        b.iter(|| DetailPolicy::DEFAULT.http_response::<Vec<u8>, _>(black_box(&error)));
    });
    {
        let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
        let _recorder = metrics::set_default_local_recorder(&recorder);
        let _subscriber = tracing::subscriber::set_default(tracing_subscriber::registry());
        let span = observe::http_span(&request());
        let _entered = span.enter();
        group.bench_function("span_and_prometheus", |b| {
            b.iter(|| DetailPolicy::DEFAULT.http_response::<Vec<u8>, _>(black_box(&error)));
        });
    }
    group.finish();
}

criterion_group!(benches, answered, http_response);
criterion_main!(benches);
