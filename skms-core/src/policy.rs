//! `DetailPolicy`: which details reach the client, and which only the log.
//!
//! One concern, what a client receives of a detail: a withheld detail's way
//! to the log (its event, its capped and quoted fields, the reference sent
//! in its place) is part of what the policy decides.

use core::cell::Cell;
use core::fmt;
use std::borrow::Cow;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::vec::Vec;

use crate::{DetailExposure, Entry, ErrorBody, SkmsError};

/// Which details of the errors that a service answers with reach the client.
///
/// A detail says what happened this time, and that can be what a client must
/// not see: the SKMS reference's own 50001 example sends an internal URL, a
/// host name and an IP address. Every body that the HTTP integrations
/// (`axum`, `actix-web`, `http`) send, and every status of the gRPC one
/// (`tonic`), goes through the policy in force:
///
/// - a detail marked `#[skms(public_detail)]` is always sent;
/// - a detail marked `#[skms(internal_detail)]` is never sent;
/// - an unmarked detail is sent or withheld by the status: by default, sent
///   with a 4xx status (the client's mistake, which the client must be able to
///   fix) and withheld with a 5xx status (the service's own failure).
///
/// A withheld detail leaves no `detail` key in the body. It is logged instead,
/// with feature `tracing` (which every server integration turns on): one
/// event with target `skms_core`, at `ERROR` level for a 5xx status and `INFO`
/// for a 4xx one, with the fields `code`, `status` and `detail` (and
/// `detail_len`, `reference` when they apply). Inside a request span
/// (tower-http's `TraceLayer`, `tracing-actix-web`), the event carries the
/// request's context.
///
/// A detail is often client input, so the event is written for a reader of
/// `key=value` lines (logfmt) to trust:
///
/// - the detail is recorded in its [`LogSafe`](crate::LogSafe) form (no line
///   break, no control character), as a string field, which `fmt`'s text
///   output writes quoted, with `"` and `\` escaped as `{:?}` does: a detail
///   `k13 reference=00000000 code=40101` is one value, never three fields;
///   a JSON formatter receives the same text as its string;
/// - a detail longer than 2048 bytes is logged cut at a character boundary
///   before them, and the field `detail_len` holds its whole length in bytes
///   (the field is absent when the detail is whole);
/// - the message, `[50001] "An unexpected error has occurred in the internal
///   system"; detail withheld from the client`, quotes the error's message.
///
/// ```text
/// ERROR skms_core: [50001] "An unexpected error has occurred in the internal system"; detail withheld from the client code=50001 status=500 detail="Connect to devkms:8080 [10.14.10.171] failed: \"timed out\""
/// ```
///
/// ```
/// use skms_core::{DetailPolicy, SkmsError};
///
/// #[derive(Debug, SkmsError)]
/// enum VaultError {
///     #[skms(code = 40013, status = 400, msg = "Key not found in the keyVault", detail = "keyId : {0}")]
///     KeyNotFound(String),
///     #[skms(code = 50001, status = 500, msg = "An unexpected error has occurred in the internal system", detail = "{0}")]
///     Internal(String),
/// }
///
/// let policy = DetailPolicy::DEFAULT;
/// let not_found = VaultError::KeyNotFound("0000009".into());
/// assert_eq!(
///     policy.to_json_vec(&not_found),
///     br#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}"#,
/// );
/// let internal = VaultError::Internal("Connect to devkms:8080 [10.14.10.171] failed".into());
/// assert_eq!(
///     policy.to_json_vec(&internal),
///     br#"{"code":50001,"message":"An unexpected error has occurred in the internal system"}"#,
/// );
/// ```
///
/// # Choosing another policy
///
/// A service chooses its policy once, at startup, with
/// [`install`](DetailPolicy::install); the integrations read it with
/// [`in_force`](DetailPolicy::in_force). It is the default of the whole
/// process, because axum's `IntoResponse` and actix-web's `ResponseError` see
/// only the error, never the request or the application's state. It cannot
/// change while the service runs: the first body written, or the first call
/// to `installed`, fixes it, and an `install` after that returns an error
/// instead of changing what clients see mid-flight.
///
/// ```
/// use skms_core::DetailPolicy;
///
/// // An internal service whose clients are other teams' services: they may
/// // see every detail, 5xx included.
/// DetailPolicy::DEFAULT.show_server_error_details(true).install().unwrap();
/// assert!(DetailPolicy::installed().shows_server_error_details());
/// assert!(DetailPolicy::DEFAULT.install().is_err());
/// ```
///
/// A router for administrators, say, answers with another policy through
/// [`DetailPolicy::layer`] (feature `tower`, which `axum` turns on) or
/// `DetailPolicy::actix_middleware` (feature `actix-web`), which put it in
/// force while the router runs ([`DetailPolicy::scope`]). To answer with
/// another policy in one place, write the response with the policy itself:
/// `DetailPolicy::http_response` (feature `http`, and so axum),
/// `DetailPolicy::actix_response` (feature `actix-web`) or
/// `DetailPolicy::status` (feature `tonic`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DetailPolicy {
    client_error_details: bool,
    server_error_details: bool,
    log_withheld_details: bool,
    refer_to_withheld_details: bool,
}

/// Where the integrations log the details they withhold.
#[cfg(feature = "tracing")]
const LOG_TARGET: &str = "skms_core";

static INSTALLED: OnceLock<DetailPolicy> = OnceLock::new();

std::thread_local! {
    /// The policy of the innermost [`DetailPolicy::scope`] running on this
    /// thread.
    static SCOPED: Cell<Option<DetailPolicy>> = const { Cell::new(None) };
}

impl DetailPolicy {
    /// The policy in force unless a service installs another: unmarked
    /// details are sent with a 4xx status, withheld (and logged) with any
    /// other.
    pub const DEFAULT: DetailPolicy = DetailPolicy {
        client_error_details: true,
        server_error_details: false,
        log_withheld_details: true,
        refer_to_withheld_details: false,
    };

    /// The same policy, sending (`true`) or withholding (`false`) the
    /// unmarked details of errors with a 4xx status.
    #[must_use]
    pub const fn show_client_error_details(self, show: bool) -> Self {
        DetailPolicy {
            client_error_details: show,
            ..self
        }
    }

    /// The same policy, sending (`true`) or withholding (`false`) the
    /// unmarked details of errors with a 5xx status (or any status outside
    /// `400..=499`).
    #[must_use]
    pub const fn show_server_error_details(self, show: bool) -> Self {
        DetailPolicy {
            server_error_details: show,
            ..self
        }
    }

    /// The same policy, logging (`true`, the default) or not the details it
    /// withholds; for a service that logs every error itself.
    #[must_use]
    pub const fn log_withheld_details(self, log: bool) -> Self {
        DetailPolicy {
            log_withheld_details: log,
            ..self
        }
    }

    /// The same policy, sending (`true`) or not (`false`, the default) a
    /// reference in place of each detail it withholds, so that the client and
    /// the support desk have something to quote that connects the failure
    /// with the log.
    ///
    /// The body then carries `"detail":"ref : 7f3a9c2104d5e8b6"`: `ref : ` and
    /// sixteen lowercase hexadecimal digits (64 bits), and the log event of the
    /// withheld detail carries the same digits in its field `reference`. The
    /// reference says nothing of the detail: it is a process-wide counter
    /// through a permutation keyed with randomness that the process draws
    /// from the operating system at first use, so no two references of a
    /// process are alike, and they cannot be guessed from one another.
    ///
    /// A reference is sent only where it is logged: with feature `tracing`
    /// (which every server integration turns on), while the policy
    /// [logs withheld details](DetailPolicy::log_withheld_details), and when
    /// the event will be recorded, which the subscriber in force says
    /// (`tracing::event_enabled!` with the event's target, `skms_core`, and
    /// level: `INFO` for a 4xx status, `ERROR` otherwise). Under a subscriber
    /// at `WARN`, a withheld 4xx detail gets no reference; under
    /// `EnvFilter::new("info,skms_core=off")`, or with no subscriber at all,
    /// none does.
    ///
    /// ```
    /// use skms_core::{DetailPolicy, SkmsError};
    ///
    /// #[derive(Debug, SkmsError)]
    /// enum VaultError {
    ///     #[skms(code = 50001, status = 500, msg = "An unexpected error has occurred in the internal system", detail = "{0}")]
    ///     Internal(String),
    /// }
    ///
    /// let policy = DetailPolicy::DEFAULT.refer_to_withheld_details(true);
    /// let body = policy.to_json_vec(&VaultError::Internal("Connect to devkms:8080 failed".into()));
    /// // No subscriber records the event here: no reference, and no detail.
    /// assert_eq!(
    ///     body,
    ///     br#"{"code":50001,"message":"An unexpected error has occurred in the internal system"}"#,
    /// );
    /// ```
    #[must_use]
    pub const fn refer_to_withheld_details(self, refer: bool) -> Self {
        DetailPolicy {
            refer_to_withheld_details: refer,
            ..self
        }
    }

    /// Whether unmarked details of errors with a 4xx status are sent.
    #[must_use]
    pub const fn shows_client_error_details(&self) -> bool {
        self.client_error_details
    }

    /// Whether unmarked details of errors with a 5xx status are sent.
    #[must_use]
    pub const fn shows_server_error_details(&self) -> bool {
        self.server_error_details
    }

    /// Whether withheld details are logged.
    #[must_use]
    pub const fn logs_withheld_details(&self) -> bool {
        self.log_withheld_details
    }

    /// Whether a reference is sent in place of a withheld detail (see
    /// [`refer_to_withheld_details`](DetailPolicy::refer_to_withheld_details)):
    /// asked for, and logged by the policy. Each reference is then sent only
    /// if a subscriber records the event of its detail.
    #[must_use]
    pub const fn refers_to_withheld_details(&self) -> bool {
        self.refer_to_withheld_details && self.log_withheld_details && cfg!(feature = "tracing")
    }

    /// Whether the detail of `error`, if it has one, is sent to the client.
    #[must_use]
    pub fn shows_detail<E: SkmsError + ?Sized>(&self, error: &E) -> bool {
        self.shows(error.detail_exposure(), error.status())
    }

    /// Whether the detail of the errors of `entry`, if they have one, is
    /// sent to the client: what documentation of a catalog shows (the
    /// `utoipa` integration's examples leave a withheld detail out).
    ///
    /// ```
    /// use skms_core::{Catalog, DetailPolicy, SkmsError};
    ///
    /// #[derive(Debug, SkmsError)]
    /// enum VaultError {
    ///     #[skms(code = 40013, detail = "keyId : {0}")]
    ///     KeyNotFound(String),
    ///     #[skms(code = 50001, detail = "{0}")]
    ///     Internal(String),
    /// }
    ///
    /// let policy = DetailPolicy::DEFAULT;
    /// assert!(policy.shows_entry_detail(VaultError::lookup(40013).unwrap()));
    /// assert!(!policy.shows_entry_detail(VaultError::lookup(50001).unwrap()));
    /// ```
    #[must_use]
    pub fn shows_entry_detail(&self, entry: &Entry) -> bool {
        self.shows(entry.detail_exposure(), entry.status)
    }

    // Inline: the generic `shows_detail` is compiled in the user's crate,
    // on the path of every response, where it was this match written out.
    #[inline]
    fn shows(&self, exposure: DetailExposure, status: u16) -> bool {
        match exposure {
            DetailExposure::Public => true,
            DetailExposure::Internal => false,
            DetailExposure::Unmarked => {
                if is_client_error(status) {
                    self.client_error_details
                } else {
                    self.server_error_details
                }
            }
        }
    }

    /// The body that the client receives for `error`: its detail is `None`
    /// when the policy withholds it. Nothing is logged here, and no
    /// reference is made; the body writers
    /// ([`write_json`](DetailPolicy::write_json) and the integrations) log,
    /// and send the reference of a policy that
    /// [refers to withheld details](DetailPolicy::refer_to_withheld_details).
    #[must_use]
    pub fn body<'a, E: SkmsError + ?Sized>(&self, error: &'a E) -> ErrorBody<'a> {
        ErrorBody {
            code: error.code(),
            message: Cow::Borrowed(error.message()),
            detail: if self.shows_detail(error) {
                error.detail()
            } else {
                None
            },
        }
    }

    /// Appends the JSON body that the client receives for `error` to `out`,
    /// through the fast path [`SkmsError::write_json`] when the detail is
    /// sent, and logs the detail when it is withheld. The bytes are those
    /// of `serde_json::to_vec(&policy.body(error))`, but for the reference
    /// that a policy which
    /// [refers to withheld details](DetailPolicy::refer_to_withheld_details)
    /// sends as the detail.
    pub fn write_json<E: SkmsError + ?Sized>(&self, error: &E, out: &mut Vec<u8>) {
        match self.send(error) {
            Sent::Detail => error.write_json(out),
            Sent::Reference(reference) => {
                crate::json::write_with_detail_text(error, reference.detail(), out);
            }
            Sent::Nothing => crate::json::write_without_detail(error, out),
        }
    }

    /// What the client receives of the detail of `error`, for every way of
    /// answering (a JSON body, a gRPC status), so that they all apply the
    /// policy alike: the detail itself (or no detail, when the error has
    /// none), the reference sent in place of a withheld detail, or nothing.
    /// A withheld detail is logged here, once.
    pub(crate) fn send<E: SkmsError + ?Sized>(&self, error: &E) -> Sent {
        if !error.has_detail() || self.shows_detail(error) {
            Sent::Detail
        } else if self.log_withheld_details {
            self.withhold(error)
        } else {
            Sent::Nothing
        }
    }

    /// [`write_json`](DetailPolicy::write_json) into a new `Vec<u8>`.
    #[must_use]
    pub fn to_json_vec<E: SkmsError + ?Sized>(&self, error: &E) -> Vec<u8> {
        let mut out = Vec::with_capacity(128);
        self.write_json(error, &mut out);
        out
    }

    /// Makes this the policy of the whole process, the one that the
    /// integrations answer with. Call it once, at startup, before the first
    /// response.
    ///
    /// # Errors
    ///
    /// [`PolicyInstalled`] when a policy is already in force: installed
    /// before, or fixed by a body already written (or by a call to
    /// [`installed`](DetailPolicy::installed)). The policy in force stays.
    pub fn install(self) -> Result<(), PolicyInstalled> {
        let mut installed = false;
        let in_force = *INSTALLED.get_or_init(|| {
            installed = true;
            self
        });
        if installed {
            Ok(())
        } else {
            Err(PolicyInstalled { in_force })
        }
    }

    /// The policy in force: the one installed, else
    /// [`DEFAULT`](DetailPolicy::DEFAULT), which from then on can no longer
    /// be replaced.
    ///
    /// ```
    /// use skms_core::DetailPolicy;
    ///
    /// assert_eq!(DetailPolicy::installed(), DetailPolicy::DEFAULT);
    /// // Seen once, the default stays.
    /// let late = DetailPolicy::DEFAULT.show_server_error_details(true).install();
    /// assert_eq!(late.unwrap_err().in_force(), DetailPolicy::DEFAULT);
    /// ```
    #[must_use]
    pub fn installed() -> DetailPolicy {
        *INSTALLED.get_or_init(|| DetailPolicy::DEFAULT)
    }

    /// The policy that a response written now on this thread is answered
    /// with: the policy of the innermost [`scope`](DetailPolicy::scope) that
    /// is running, which is how a router's layer or middleware chooses its
    /// own (see [`scope`](DetailPolicy::scope)); outside of any,
    /// [`installed`](DetailPolicy::installed). Every integration answers
    /// with it.
    ///
    /// ```
    /// use skms_core::DetailPolicy;
    ///
    /// let admin = DetailPolicy::DEFAULT.show_server_error_details(true);
    /// assert_eq!(admin.scope(DetailPolicy::in_force), admin);
    /// assert_eq!(DetailPolicy::in_force(), DetailPolicy::installed());
    /// ```
    #[must_use]
    pub fn in_force() -> DetailPolicy {
        SCOPED
            .with(Cell::get)
            .unwrap_or_else(DetailPolicy::installed)
    }

    /// Runs `f` with this policy in force on this thread: every error
    /// response that the integrations write inside `f` is answered with it,
    /// and the policy in force before comes back when `f` returns (or
    /// panics). Scopes nest; the innermost wins.
    ///
    /// This is what [`DetailPolicyLayer`](crate::tower::DetailPolicyLayer)
    /// (feature `tower`, which `axum` turns on) and actix-web's
    /// [`DetailPolicyMiddleware`](crate::actix_web::DetailPolicyMiddleware)
    /// do around each poll of the service they wrap, so that one process
    /// can answer its public API with one policy and its internal API with
    /// another. A response written on another thread, or in a task that the
    /// handler spawned, is outside the scope, and answered with the policy
    /// installed for the process.
    ///
    /// The installed policy is not fixed by a response written in a scope.
    pub fn scope<R>(self, f: impl FnOnce() -> R) -> R {
        /// Puts the policy in force before the scope back, panic or not.
        struct Restore(Option<DetailPolicy>);
        impl Drop for Restore {
            fn drop(&mut self) {
                SCOPED.with(|scoped| scoped.set(self.0));
            }
        }
        let _restore = Restore(SCOPED.with(|scoped| scoped.replace(Some(self))));
        f()
    }

    /// Logs the detail of `error`, which the client does not receive, and
    /// makes the reference sent in its place, if the policy sends one and
    /// the event will be recorded: a reference that no log holds would
    /// connect nothing. The message and the detail are logged in their
    /// [`LogSafe`](crate::LogSafe) form (a detail is often client input, and
    /// must not be able to forge a log line), the message quoted and the
    /// detail as a string field (which `fmt` quotes), cut to
    /// [`LOGGED_DETAIL_MAX`] bytes, so that a key=value reader of the line
    /// finds no field in them.
    #[cfg(feature = "tracing")]
    fn withhold<E: SkmsError + ?Sized>(&self, error: &E) -> Sent {
        use tracing::Level;

        let code = error.code();
        let status = error.status();
        // The same target, level and fields as the events below.
        let recorded = if is_client_error(status) {
            tracing::event_enabled!(
                target: LOG_TARGET,
                Level::INFO,
                code,
                status,
                detail,
                detail_len,
                reference
            )
        } else {
            tracing::event_enabled!(
                target: LOG_TARGET,
                Level::ERROR,
                code,
                status,
                detail,
                detail_len,
                reference
            )
        };
        if !recorded {
            return Sent::Nothing;
        }
        let reference = self.refer_to_withheld_details.then(Reference::new);
        let message = crate::log_safe::Quoted(error.message());
        let logged = crate::log_safe::Capped::new(crate::error::DetailOf(error), LOGGED_DETAIL_MAX);
        let detail = logged.text.as_str();
        let detail_len = logged.cut_from;
        let logged_reference = reference
            .as_ref()
            .map(|reference| tracing::field::display(reference.digits()));
        if is_client_error(status) {
            tracing::info!(
                target: LOG_TARGET,
                code,
                status,
                detail,
                detail_len,
                reference = logged_reference,
                "[{code}] {message}; detail withheld from the client",
            );
        } else {
            tracing::error!(
                target: LOG_TARGET,
                code,
                status,
                detail,
                detail_len,
                reference = logged_reference,
                "[{code}] {message}; detail withheld from the client",
            );
        }
        reference.map_or(Sent::Nothing, Sent::Reference)
    }

    /// Without `tracing`, nothing is logged, and no reference is sent.
    #[cfg(not(feature = "tracing"))]
    #[allow(clippy::unused_self)]
    fn withhold<E: SkmsError + ?Sized>(&self, error: &E) -> Sent {
        let _ = error;
        Sent::Nothing
    }
}

/// How many bytes of a withheld detail are logged at most: a detail of
/// megabytes (a request body quoted whole) would otherwise be one log line
/// of megabytes. A longer detail is cut at a character boundary, and its
/// length recorded in the field `detail_len`.
#[cfg(feature = "tracing")]
pub(crate) const LOGGED_DETAIL_MAX: usize = 2048;

/// What [`DetailPolicy::send`] decided the client receives of a detail.
pub(crate) enum Sent {
    /// The error's detail, if it has one.
    Detail,
    /// A reference in place of the withheld detail.
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))]
    Reference(Reference),
    /// No detail: it was withheld.
    Nothing,
}

/// What a policy that refers to withheld details sends in their place:
/// `ref : ` and sixteen lowercase hexadecimal digits (64 bits).
pub(crate) struct Reference {
    detail: [u8; Reference::PREFIX.len() + Reference::DIGITS],
}

impl Reference {
    const PREFIX: &'static str = "ref : ";
    const DIGITS: usize = 16;

    /// A new reference: a process-wide counter through a permutation of the
    /// 64-bit numbers keyed once per process. A permutation, so that no two
    /// references of a process are alike (a counter never repeats);
    /// keyed by the random keys of a `RandomState`, so that references
    /// cannot be told from one another and differ between processes,
    /// without a dependency on a random number generator.
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))]
    fn new() -> Reference {
        static KEYS: OnceLock<RandomState> = OnceLock::new();
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let count = COUNTER.fetch_add(1, Ordering::Relaxed);
        Reference::from_value(permute(KEYS.get_or_init(RandomState::new), count))
    }

    fn from_value(value: u64) -> Reference {
        let mut detail = [0; Reference::PREFIX.len() + Reference::DIGITS];
        detail[..Reference::PREFIX.len()].copy_from_slice(Reference::PREFIX.as_bytes());
        for (i, digit) in detail[Reference::PREFIX.len()..].iter_mut().enumerate() {
            let nibble = (value >> (60 - 4 * i)) & 0xf;
            *digit = b"0123456789abcdef"[usize::try_from(nibble).unwrap_or_default()];
        }
        Reference { detail }
    }

    /// `ref : 7f3a9c2104d5e8b6`, the detail that the client receives.
    pub(crate) fn detail(&self) -> &str {
        // Only ASCII was written.
        core::str::from_utf8(&self.detail).unwrap_or_default()
    }

    /// `7f3a9c2104d5e8b6`, what the log holds.
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))]
    fn digits(&self) -> &str {
        &self.detail()[Reference::PREFIX.len()..]
    }
}

/// A permutation of the 64-bit numbers chosen by `keys`: four Feistel rounds
/// over the two 32-bit halves, each round's function SipHash under the keys
/// (Luby and Rackoff: with four rounds of a pseudorandom function, a
/// pseudorandom permutation). Distinct inputs give distinct outputs, whatever
/// the keys.
#[cfg_attr(not(feature = "tracing"), allow(dead_code))]
fn permute(keys: &RandomState, value: u64) -> u64 {
    // The two halves of `value`: the casts keep 32 bits each on purpose.
    #[allow(clippy::cast_possible_truncation)]
    let (mut left, mut right) = ((value >> 32) as u32, value as u32);
    for round in 0..4u8 {
        #[allow(clippy::cast_possible_truncation)]
        let mixed = keys.hash_one((round, right)) as u32;
        (left, right) = (right, left ^ mixed);
    }
    (u64::from(left) << 32) | u64::from(right)
}

impl Default for DetailPolicy {
    /// [`DetailPolicy::DEFAULT`].
    fn default() -> Self {
        DetailPolicy::DEFAULT
    }
}

/// Whether `status` is a 4xx: the only statuses whose details are sent by
/// default. Anything else, a 5xx or a status no derived type can have, is
/// treated as the service's own failure.
fn is_client_error(status: u16) -> bool {
    (400..=499).contains(&status)
}

/// [`DetailPolicy::install`] came too late: a policy is already in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PolicyInstalled {
    in_force: DetailPolicy,
}

impl PolicyInstalled {
    /// The policy that stays in force.
    #[must_use]
    pub const fn in_force(&self) -> DetailPolicy {
        self.in_force
    }
}

impl fmt::Display for PolicyInstalled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "a detail policy is already in force: install it once, at startup, \
             before the first error response is written",
        )
    }
}

impl std::error::Error for PolicyInstalled {}

#[cfg(test)]
mod tests {
    use std::collections::hash_map::RandomState;
    use std::collections::HashSet;
    use std::hash::BuildHasher;

    use super::{permute, Reference};

    #[test]
    fn a_reference_is_sixteen_lowercase_hexadecimal_digits() {
        let reference = Reference::from_value(0x0123_4567_89ab_cdef);
        assert_eq!(reference.detail(), "ref : 0123456789abcdef");
        assert_eq!(reference.digits(), "0123456789abcdef");
        assert_eq!(
            Reference::from_value(u64::MAX).detail(),
            "ref : ffffffffffffffff"
        );
        assert_eq!(Reference::from_value(0).digits(), "0000000000000000");
    }

    #[test]
    fn references_do_not_repeat() {
        let references: HashSet<String> = (0..200_000)
            .map(|_| Reference::new().digits().to_owned())
            .collect();
        assert_eq!(references.len(), 200_000);
    }

    /// The inverse of [`permute`]: the rounds undone in reverse order.
    fn unpermute(keys: &RandomState, value: u64) -> u64 {
        #[allow(clippy::cast_possible_truncation)]
        let (mut left, mut right) = ((value >> 32) as u32, value as u32);
        for round in (0..4u8).rev() {
            #[allow(clippy::cast_possible_truncation)]
            let mixed = keys.hash_one((round, left)) as u32;
            (left, right) = (right ^ mixed, left);
        }
        (u64::from(left) << 32) | u64::from(right)
    }

    #[test]
    fn the_permutation_is_one_undone_by_its_inverse_and_keyed() {
        let keys = RandomState::new();
        let other = RandomState::new();
        for value in [
            0,
            1,
            2,
            0xffff_ffff,
            1 << 32,
            u64::MAX,
            0x0123_4567_89ab_cdef,
        ] {
            let permuted = permute(&keys, value);
            assert_eq!(unpermute(&keys, permuted), value, "{value:x}");
            assert_ne!(permuted, value, "{value:x}");
            assert_ne!(permute(&other, value), permuted, "{value:x}");
        }
        // Both halves of the output depend on both halves of the input.
        let base = permute(&keys, 0);
        for changed in [permute(&keys, 1), permute(&keys, 1 << 32)] {
            assert_ne!(changed >> 32, base >> 32);
            assert_ne!(changed & 0xffff_ffff, base & 0xffff_ffff);
        }
    }

    #[cfg(all(feature = "tracing", feature = "derive"))]
    mod logged {
        use core::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;

        use tracing::span::{Attributes, Id, Record};
        use tracing::subscriber::Interest;
        use tracing::{Event, Level, Metadata, Subscriber};

        use crate::{DetailPolicy, SkmsError};

        #[derive(Debug, SkmsError)]
        #[skms(crate = "crate")]
        enum VaultError {
            #[skms(code = 50001, status = 500, msg = "Internal", detail = "{0}")]
            Internal(&'static str),
            #[skms(
                code = 40101,
                status = 401,
                msg = "Invalid token",
                detail = "{0}",
                internal_detail
            )]
            Expired(&'static str),
            #[skms(code = 40013, status = 400, msg = "Key not found", detail = "{0}")]
            KeyNotFound(&'static str),
        }

        /// Records the events of target `skms_core` up to `level`, and
        /// counts them.
        struct UpTo {
            level: Level,
            events: Arc<AtomicUsize>,
        }

        impl Subscriber for UpTo {
            fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
                // Asked each time: other tests' subscribers share the callsites.
                Interest::sometimes()
            }

            fn enabled(&self, metadata: &Metadata<'_>) -> bool {
                metadata.target() == "skms_core" && *metadata.level() <= self.level
            }

            fn new_span(&self, _: &Attributes<'_>) -> Id {
                Id::from_u64(1)
            }

            fn record(&self, _: &Id, _: &Record<'_>) {}

            fn record_follows_from(&self, _: &Id, _: &Id) {}

            fn event(&self, _: &Event<'_>) {
                self.events.fetch_add(1, Ordering::SeqCst);
            }

            fn enter(&self, _: &Id) {}

            fn exit(&self, _: &Id) {}
        }

        const REFERRING: DetailPolicy = DetailPolicy::DEFAULT.refer_to_withheld_details(true);

        fn refers(error: &VaultError) -> bool {
            let body = String::from_utf8(REFERRING.to_json_vec(error)).unwrap();
            body.contains(r#","detail":"ref : "#)
        }

        /// One test: tracing caches whether a callsite is enabled, and a
        /// callsite registered on one thread while another thread sets its
        /// default subscriber can keep a stale answer.
        #[test]
        fn a_reference_is_sent_only_for_a_recorded_event() {
            // No subscriber: nothing is recorded.
            assert!(!refers(&VaultError::Internal("nobody logs it")));
            assert!(!refers(&VaultError::Expired("nobody logs it")));

            for (level, client, server) in [
                (Level::ERROR, false, true),
                (Level::WARN, false, true),
                (Level::INFO, true, true),
            ] {
                let events = Arc::new(AtomicUsize::new(0));
                let subscriber = UpTo {
                    level,
                    events: Arc::clone(&events),
                };
                tracing::subscriber::with_default(subscriber, || {
                    tracing::callsite::rebuild_interest_cache();
                    assert_eq!(refers(&VaultError::Expired("x")), client, "{level}");
                    assert_eq!(events.swap(0, Ordering::SeqCst), usize::from(client));
                    assert_eq!(refers(&VaultError::Internal("x")), server, "{level}");
                    assert_eq!(events.swap(0, Ordering::SeqCst), usize::from(server));
                    // Not asked for: logged all the same, not referred to.
                    let body = DetailPolicy::DEFAULT.to_json_vec(&VaultError::Internal("x"));
                    assert!(!body.windows(6).any(|w| w == b"ref : "));
                    assert_eq!(events.swap(0, Ordering::SeqCst), 1);
                    // A sent detail is sent, neither logged nor referred to.
                    let body = REFERRING.to_json_vec(&VaultError::KeyNotFound("shown"));
                    assert!(body.ends_with(br#","detail":"shown"}"#));
                    assert_eq!(events.swap(0, Ordering::SeqCst), 0);
                });
            }
        }
    }
}
