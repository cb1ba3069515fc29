//! The integrations: the macros that the derive calls once per type, which
//! expand to the impls of the integration traits (http, axum, actix-web,
//! tonic, utoipa) that skms-core's features turn on, and the modules of
//! re-exports that those impls name.

// The integrations: `#[derive(SkmsError)]` emits one
// `__private::integrations! { params = [..], ty = [..], bounds = [..] }` per
// type, and what it expands to depends on the features of skms-core, which
// the derive cannot see. The impls land in the user's crate, where the type
// is local, so the orphan rule allows them; they name the foreign traits
// through the re-exports below, so the user needs no dependency on axum,
// actix-web or http of their own.
//
// The arguments, as the derive writes them:
// - `params`: the impl's generic parameters without the angle brackets, each
//   followed by a comma (`'a, T: Display,`), or nothing;
// - `ty`: the type with its generic arguments (`KmsError<'a, T>`);
// - `bounds`: the where-clause predicates of the `SkmsError` impl, each
//   followed by a comma, or nothing.

#[doc(hidden)]
#[macro_export]
macro_rules! __skms_integrations {
    (params = [$($params:tt)*], ty = [$($ty:tt)*], bounds = [$($bounds:tt)*] $(,)?) => {
        $crate::__skms_integrate_http! { [$($params)*] [$($ty)*] [$($bounds)*] }
        $crate::__skms_integrate_axum! { [$($params)*] [$($ty)*] [$($bounds)*] }
        $crate::__skms_integrate_actix_web! { [$($params)*] [$($ty)*] [$($bounds)*] }
        $crate::__skms_integrate_tonic! { [$($params)*] [$($ty)*] [$($bounds)*] }
        $crate::__skms_integrate_utoipa! { [$($params)*] [$($ty)*] [$($bounds)*] }
    };
}

/// `From` the error into `http::StatusCode` (by value and by reference) and
/// `http::Response<B>` for every body `B` that converts from `Vec<u8>`.
#[cfg(feature = "http")]
#[doc(hidden)]
#[macro_export]
macro_rules! __skms_integrate_http {
    ([$($params:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl<$($params)*> ::core::convert::From<$($ty)*> for $crate::__private::http::StatusCode
        where
            $($bounds)*
        {
            #[inline]
            fn from(error: $($ty)*) -> Self {
                $crate::http::status_code(&error)
            }
        }

        #[automatically_derived]
        impl<'__skms, $($params)*> ::core::convert::From<&'__skms $($ty)*>
            for $crate::__private::http::StatusCode
        where
            $($bounds)*
        {
            #[inline]
            fn from(error: &'__skms $($ty)*) -> Self {
                $crate::http::status_code(error)
            }
        }

        #[automatically_derived]
        impl<$($params)* __SkmsBody> ::core::convert::From<$($ty)*>
            for $crate::__private::http::Response<__SkmsBody>
        where
            $($bounds)*
            __SkmsBody: ::core::convert::From<$crate::__private::Vec<::core::primitive::u8>>,
        {
            #[inline]
            fn from(error: $($ty)*) -> Self {
                $crate::http::response(&error)
            }
        }
    };
}

#[cfg(not(feature = "http"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __skms_integrate_http {
    ($($args:tt)*) => {};
}

/// axum's `IntoResponse`.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __skms_integrate_axum {
    ([$($params:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl<$($params)*> $crate::__private::axum::IntoResponse for $($ty)*
        where
            $($bounds)*
        {
            #[inline]
            fn into_response(self) -> $crate::__private::axum::Response {
                $crate::axum::response(&self)
            }
        }
    };
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __skms_integrate_axum {
    ($($args:tt)*) => {};
}

/// actix-web's `ResponseError`. The trait needs `Debug + Display`; the
/// bound is written `for<'__skms> Self: ..` so that a type without `Display`
/// (`std_error = false` and no thiserror) simply does not implement it,
/// instead of failing to compile when some other crate of the build turns
/// the feature on.
#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __skms_integrate_actix_web {
    ([$($params:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl<$($params)*> $crate::__private::actix_web::ResponseError for $($ty)*
        where
            $($bounds)*
            for<'__skms> Self: ::core::fmt::Debug + ::core::fmt::Display,
        {
            #[inline]
            fn status_code(&self) -> $crate::__private::actix_web::StatusCode {
                $crate::actix_web::status_code(self)
            }

            #[inline]
            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::actix_web::error_response(self)
            }
        }
    };
}

#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __skms_integrate_actix_web {
    ($($args:tt)*) => {};
}

/// `From` the error into `tonic::Status`, so that `?` answers a gRPC call
/// with it.
#[cfg(feature = "tonic")]
#[doc(hidden)]
#[macro_export]
macro_rules! __skms_integrate_tonic {
    ([$($params:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl<$($params)*> ::core::convert::From<$($ty)*> for $crate::__private::tonic::Status
        where
            $($bounds)*
        {
            #[inline]
            fn from(error: $($ty)*) -> Self {
                $crate::tonic::status(&error)
            }
        }
    };
}

/// utoipa's `IntoResponses`: the type's composed catalog, one response per
/// HTTP status. `Self: Catalog` holds for every derived type; for a generic
/// one it carries the bounds that its `Catalog` impl needs.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __skms_integrate_utoipa {
    ([$($params:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl<$($params)*> $crate::__private::utoipa::IntoResponses for $($ty)*
        where
            $($bounds)*
            Self: $crate::Catalog,
        {
            fn responses() -> $crate::__private::utoipa::Responses {
                $crate::utoipa::responses::<Self>()
            }
        }
    };
}

#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __skms_integrate_tonic {
    ($($args:tt)*) => {};
}

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __skms_integrate_utoipa {
    ($($args:tt)*) => {};
}

/// The utoipa items that the generated impls name.
#[cfg(feature = "utoipa")]
pub mod utoipa {
    pub use ::utoipa::IntoResponses;

    /// What `IntoResponses::responses` returns.
    pub type Responses = std::collections::BTreeMap<
        std::string::String,
        ::utoipa::openapi::RefOr<::utoipa::openapi::response::Response>,
    >;
}

/// The `http` types that the generated impls name.
#[cfg(feature = "http")]
pub mod http {
    pub use ::http::{Response, StatusCode};
}

/// The axum types that the generated impls name.
#[cfg(feature = "axum")]
pub mod axum {
    pub use ::axum_core::response::{IntoResponse, Response};
}

/// The tonic type that the generated impl names.
#[cfg(feature = "tonic")]
pub mod tonic {
    pub use ::tonic::Status;
}

/// The actix-web types that the generated impls name.
#[cfg(feature = "actix-web")]
pub mod actix_web {
    pub use ::actix_web::http::StatusCode;
    pub use ::actix_web::{HttpResponse, ResponseError};
}
