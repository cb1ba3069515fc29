//! `StandardError`, the 26 codes of the SKMS reference.

// The derive's patterns `Variant {}` and autoref calls `(&x).method()`,
// which clippy does not read in a derive's output, but does in the same
// code included from a file.
#![allow(clippy::unneeded_struct_pattern, clippy::needless_borrow)]

use crate::derived::derived;
use crate::{Catalog, Entry};

// The derive's input, as a user writes it; the derive does not run here
// (see `derived.rs`): its output is `standard/generated.rs`, included below.
derived! {
    /// The standard catalog: the 26 error codes of the SKMS reference, each with
    /// the status, message and (Japanese) description the reference gives it,
    /// character for character, quirks included (40301 answers 401; 40102 to 40112
    /// answer 400).
    ///
    /// It is itself `#[derive(SkmsError)]`, so it serializes like any derived type,
    /// and a service's own enum includes it with `#[skms(transparent)]`.
    ///
    /// ```
    /// use skms_core::{SkmsError, StandardError};
    ///
    /// let error = StandardError::from_code(40013).unwrap();
    /// assert_eq!(error, StandardError::KeyNotFound);
    /// assert_eq!(error.message(), "Key not found in the keyVault");
    /// assert_eq!(error.description(), "キーボルトキーの取得に失敗しました");
    /// assert_eq!(StandardError::from_code(40010), None);
    ///
    /// // Every entry, in the reference's order.
    /// assert_eq!(StandardError::ALL.len(), 26);
    /// assert!(StandardError::ALL.iter().all(|e| StandardError::from_code(e.code()) == Some(*e)));
    /// ```
    #[derive(SkmsError, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    #[skms(crate = "crate")]
    #[non_exhaustive]
    pub enum StandardError {
        /// 40003: "Failed create header" (400).
        #[skms(
            code = 40003,
            status = 400,
            msg = "Failed create header",
            description = "ヘッダーの生成に失敗しました"
        )]
        FailedCreateHeader,
        /// 40004: "Failed extract header" (400).
        #[skms(
            code = 40004,
            status = 400,
            msg = "Failed extract header",
            description = "ヘッダー抽出失敗"
        )]
        FailedExtractHeader,
        /// 40005: "Batch/Scheduler Failed" (400).
        #[skms(
            code = 40005,
            status = 400,
            msg = "Batch/Scheduler Failed",
            description = "バッチ/スケジューラの失敗"
        )]
        BatchSchedulerFailed,
        /// 40006: "oAuth connection failed" (400).
        #[skms(
            code = 40006,
            status = 400,
            msg = "oAuth connection failed",
            description = "認証接続失敗"
        )]
        OAuthConnectionFailed,
        /// 40007: "Integrated Log Service Failed" (400).
        #[skms(
            code = 40007,
            status = 400,
            msg = "Integrated Log Service Failed",
            description = "統合ログサービスの失敗"
        )]
        IntegratedLogServiceFailed,
        /// 40008: "Key Vault Service Failed" (400).
        #[skms(
            code = 40008,
            status = 400,
            msg = "Key Vault Service Failed",
            description = "キーボルトサービスの失敗"
        )]
        KeyVaultServiceFailed,
        /// 40009: "Service Linker Key Manager is not used" (400).
        #[skms(
            code = 40009,
            status = 400,
            msg = "Service Linker Key Manager is not used",
            description = "キー データ 連携 失敗"
        )]
        ServiceLinkerKeyManagerNotUsed,
        /// 40011: "Unable to AzureInfo" (400).
        #[skms(
            code = 40011,
            status = 400,
            msg = "Unable to AzureInfo",
            description = "azure 情報の取得に失敗しました"
        )]
        AzureInfoUnavailable,
        /// 40012: "Relay client accessToken Failed" (400).
        #[skms(
            code = 40012,
            status = 400,
            msg = "Relay client accessToken Failed",
            description = "リレー トークンの更新に失敗しました"
        )]
        RelayClientAccessTokenFailed,
        /// 40013: "Key not found in the keyVault" (400).
        #[skms(
            code = 40013,
            status = 400,
            msg = "Key not found in the keyVault",
            description = "キーボルトキーの取得に失敗しました"
        )]
        KeyNotFound,
        /// 40101: "Invalid token" (401).
        #[skms(
            code = 40101,
            status = 401,
            msg = "Invalid token",
            description = "無効なトークン"
        )]
        InvalidToken,
        /// 40102: "No matching company ID found" (400).
        #[skms(
            code = 40102,
            status = 400,
            msg = "No matching company ID found",
            description = "一致する company_id がありません"
        )]
        CompanyIdNotFound,
        /// 40103: "Failed Duplicate domain" (400).
        #[skms(
            code = 40103,
            status = 400,
            msg = "Failed Duplicate domain",
            description = "重複したドメイン"
        )]
        DuplicateDomain,
        /// 40104: "No matching domains found" (400).
        #[skms(
            code = 40104,
            status = 400,
            msg = "No matching domains found",
            description = "一致するドメインがありません"
        )]
        DomainNotFound,
        /// 40105: "Required value is missing" (400).
        #[skms(
            code = 40105,
            status = 400,
            msg = "Required value is missing",
            description = "必須値なし"
        )]
        RequiredValueMissing,
        /// 40107: "No matching license found" (400).
        #[skms(
            code = 40107,
            status = 400,
            msg = "No matching license found",
            description = "一致するライセンスがありません"
        )]
        LicenseNotFound,
        /// 40108: "Unavailable License" (400).
        #[skms(
            code = 40108,
            status = 400,
            msg = "Unavailable License",
            description = "使用できないライセンス"
        )]
        LicenseUnavailable,
        /// 40110: "HeaderKey is Empty" (400).
        #[skms(
            code = 40110,
            status = 400,
            msg = "HeaderKey is Empty",
            description = "一致するヘッダーキーがありません"
        )]
        HeaderKeyEmpty,
        /// 40111: "EncryptionKey is Empty" (400).
        #[skms(
            code = 40111,
            status = 400,
            msg = "EncryptionKey is Empty",
            description = "一致する暗号化キーがありません\n- DS_KEY_ENCRYPTION_KEY"
        )]
        EncryptionKeyEmpty,
        /// 40112: "No matching SCI ServerID found" (400).
        #[skms(
            code = 40112,
            status = 400,
            msg = "No matching SCI ServerID found",
            description = "一致するSCIサーバーIDがありません"
        )]
        SciServerIdNotFound,
        /// 40301: "You don't have permission this service" (401).
        #[skms(
            code = 40301,
            status = 401,
            msg = "You don't have permission this service",
            description = "アクセス権がありません"
        )]
        PermissionDenied,
        /// 50001: "An unexpected error has occurred in the internal system" (500).
        #[skms(
            code = 50001,
            status = 500,
            msg = "An unexpected error has occurred in the internal system",
            description = "内部サービスエラー"
        )]
        InternalError,
        /// 50002: "SCI Connection failed" (500).
        #[skms(
            code = 50002,
            status = 500,
            msg = "SCI Connection failed",
            description = "SCIサーバー接続テスト失敗"
        )]
        SciConnectionFailed,
        /// 50003: "Service Linker Name is Not Exist" (500).
        #[skms(
            code = 50003,
            status = 500,
            msg = "Service Linker Name is Not Exist",
            description = "SHIELDRM サービス名が存在しません"
        )]
        ServiceLinkerNameNotExist,
        /// 50004: "Service Linker is Unused" (500).
        #[skms(
            code = 50004,
            status = 500,
            msg = "Service Linker is Unused",
            description = "SHIELDRMサービス未使用"
        )]
        ServiceLinkerUnused,
        /// 50005: "SCI Service Linker registration Failed" (500).
        #[skms(
            code = 50005,
            status = 500,
            msg = "SCI Service Linker registration Failed",
            description = "SCIサーバー連携システム登録失敗"
        )]
        SciServiceLinkerRegistrationFailed,
    }
}

include!("standard/generated.rs");

impl StandardError {
    /// Every standard error, in the reference's order (which is code order).
    pub const ALL: [StandardError; 26] = [
        StandardError::FailedCreateHeader,
        StandardError::FailedExtractHeader,
        StandardError::BatchSchedulerFailed,
        StandardError::OAuthConnectionFailed,
        StandardError::IntegratedLogServiceFailed,
        StandardError::KeyVaultServiceFailed,
        StandardError::ServiceLinkerKeyManagerNotUsed,
        StandardError::AzureInfoUnavailable,
        StandardError::RelayClientAccessTokenFailed,
        StandardError::KeyNotFound,
        StandardError::InvalidToken,
        StandardError::CompanyIdNotFound,
        StandardError::DuplicateDomain,
        StandardError::DomainNotFound,
        StandardError::RequiredValueMissing,
        StandardError::LicenseNotFound,
        StandardError::LicenseUnavailable,
        StandardError::HeaderKeyEmpty,
        StandardError::EncryptionKeyEmpty,
        StandardError::SciServerIdNotFound,
        StandardError::PermissionDenied,
        StandardError::InternalError,
        StandardError::SciConnectionFailed,
        StandardError::ServiceLinkerNameNotExist,
        StandardError::ServiceLinkerUnused,
        StandardError::SciServiceLinkerRegistrationFailed,
    ];

    /// The standard error of `code`, or `None` when the reference does not
    /// define it.
    #[must_use]
    #[inline]
    pub fn from_code(code: u32) -> Option<StandardError> {
        // The derive's hash table of the codes; the variants are declared
        // in the order of the entries.
        Self::__skms_own_index(code).and_then(|index| Self::ALL.get(index).copied())
    }

    /// The entry of this error in [`Catalog::ENTRIES`].
    #[must_use]
    pub fn entry(self) -> &'static Entry {
        // The variants are declared in the order of ENTRIES, without
        // discriminants, so the discriminant is the index.
        &Self::ENTRIES[self as usize]
    }

    /// The reference's Japanese description of the code, such as
    /// `"キーボルトキーの取得に失敗しました"` for 40013.
    #[must_use]
    pub fn description(self) -> &'static str {
        self.entry().description.unwrap_or_default()
    }
}

impl TryFrom<u32> for StandardError {
    type Error = UnknownCode;

    fn try_from(code: u32) -> Result<Self, UnknownCode> {
        StandardError::from_code(code).ok_or(UnknownCode(code))
    }
}

/// The error of `StandardError::try_from(code)`: the reference defines no
/// such code. It keeps the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UnknownCode(pub u32);

impl core::fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} is not a code of the SKMS reference", self.0)
    }
}

impl std::error::Error for UnknownCode {}

// A compile-time check that the two listings agree; tests check the rest.
const _: () = assert!(StandardError::ALL.len() == <StandardError as Catalog>::ENTRIES.len());
