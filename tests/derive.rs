use skms_core::{SkmsError, StandardError};

#[derive(Debug, SkmsError)]
enum KmsError {
    #[skms(code = 40013, status = 400, msg = "Key not found in the keyVault", detail = "keyId : {key_id}")]
    KeyNotFound { key_id: String },
    #[skms(transparent)]
    Standard(StandardError),
}

#[test]
fn quick() {
    let e = KmsError::KeyNotFound { key_id: "0000009".into() };
    assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"code":40013,"message":"Key not found in the keyVault","detail":"keyId : 0000009"}"#);
    let e = KmsError::Standard(StandardError::InvalidToken);
    assert_eq!(e.code(), 40101);
}
