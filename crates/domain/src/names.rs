//! Names and secrets people type when they set up the organisation: parsed once at the edge
//! (the admin pages, `doingoai user add`), so the store and the pages only ever see valid
//! ones. Every type guarantees NFC and no surrounding spaces.

/// Why a name or password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("empty unit name")]
    UnitEmpty,
    #[error("unit name longer than 200 characters")]
    UnitTooLong,
    #[error("place name empty or longer than 100 characters")]
    Place,
    #[error("the name must have 1-100 characters")]
    Person,
    #[error("the username must be 3-40 characters of a-z, 0-9, '.', '_' or '-'")]
    Username,
    #[error("the password must have at least 12 characters")]
    PasswordShort,
    #[error("the password is too common or too easy to guess")]
    PasswordCommon,
    #[error("the password must be at most 256 bytes")]
    PasswordLong,
    #[error("not an e-mail address (name@domain, at most 254 characters)")]
    Email,
}

impl NameError {
    /// The message shown beside the form.
    pub fn message_vi(self) -> &'static str {
        match self {
            NameError::UnitEmpty => "Vui lòng nhập tên đơn vị.",
            NameError::UnitTooLong => "Tên đơn vị quá dài (tối đa 200 ký tự).",
            NameError::Place => "Tên tỉnh, xã, phường không được để trống (tối đa 100 ký tự).",
            NameError::Person => "Vui lòng nhập họ và tên (tối đa 100 ký tự).",
            NameError::Username => {
                "Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch \
                 dưới hoặc gạch ngang."
            }
            NameError::PasswordShort => "Mật khẩu mới phải có ít nhất 12 ký tự.",
            NameError::PasswordCommon => {
                "Mật khẩu này quá phổ biến hoặc dễ đoán (một mật khẩu thông dụng thêm chữ số, \
                 dãy số hay chữ liên tiếp, ký tự lặp lại). Hãy dùng một câu dễ nhớ gồm vài từ, \
                 ví dụ “cây đa đầu làng năm 2026”."
            }
            NameError::PasswordLong => "Mật khẩu mới quá dài (tối đa 256 byte).",
            NameError::Email => {
                "Địa chỉ thư điện tử không hợp lệ (dạng ten@coquan.gov.vn, tối đa 254 ký tự)."
            }
        }
    }
}

/// NFC, trimmed, without control characters (`vntext::clean` states the rule).
fn clean(s: &str) -> String {
    vntext::clean(s).trim().to_string()
}

/// Defines a newtype over a cleaned, bounded text: 1..=`max` characters.
macro_rules! bounded_name {
    ($(#[$doc:meta])* $name:ident, $max:expr, $empty:expr, $long:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            pub fn parse(text: &str) -> Result<$name, NameError> {
                let t = clean(text);
                if t.is_empty() {
                    Err($empty)
                } else if t.chars().count() > $max {
                    Err($long)
                } else {
                    Ok($name(t))
                }
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}

bounded_name!(
    /// A unit of a commune ("Phòng Văn hóa - Xã hội"): 1 to 200 characters.
    UnitName,
    200,
    NameError::UnitEmpty,
    NameError::UnitTooLong
);
bounded_name!(
    /// The name of a province or commune ("Hà Bắc"): 1 to 100 characters.
    PlaceName,
    100,
    NameError::Place,
    NameError::Place
);
bounded_name!(
    /// A person's full name as shown in the system: 1 to 100 characters.
    PersonName,
    100,
    NameError::Person,
    NameError::Person
);

/// A sign-in name: 3 to 40 of `a-z 0-9 . _ -`, lowercased on the way in (names are typed
/// on phones and in spreadsheets; "NguyenVanA" and "nguyenvana" are one account).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub fn parse(text: &str) -> Result<Username, NameError> {
        let u = text.trim().to_lowercase();
        let ok = (3..=40).contains(&u.len())
            && u.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        if ok {
            Ok(Username(u))
        } else {
            Err(NameError::Username)
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An e-mail address reminders are sent to: `local@domain` in ASCII, at most 254 octets
/// (RFC 5321 §4.5.3.1), the local part of RFC 5322 "dot-atom" characters (at most 64), the
/// domain of dotted labels of letters, digits and hyphens; the domain is lowercased.
/// Quoted local parts and internationalised addresses are refused: no official mailbox
/// uses them, and each is a way to smuggle separators into a header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(text: &str) -> Result<EmailAddress, NameError> {
        let t = text.trim();
        let (local, domain) = t.rsplit_once('@').ok_or(NameError::Email)?;
        let atext = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b);
        let local_ok = (1..=64).contains(&local.len())
            && local
                .split('.')
                .all(|w| !w.is_empty() && w.bytes().all(atext));
        let label_ok = |l: &str| {
            (1..=63).contains(&l.len())
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        };
        let domain_ok = domain.contains('.') && domain.split('.').all(label_ok);
        if local_ok && domain_ok && t.len() <= 254 {
            Ok(EmailAddress(format!(
                "{local}@{}",
                domain.to_ascii_lowercase()
            )))
        } else {
            Err(NameError::Email)
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password (OWASP ASVS 4.0 level 2, V2.1): at least 12 characters (a passphrase of
/// Vietnamese words counts its letters, marks included; 2.1.1), at most 256 bytes (Argon2
/// input stays bounded), and not a common one (2.1.7): refused when, folded (lowercase, no
/// marks, no spaces), it is in `data/common-passwords.txt` (John the Ripper's public-domain
/// list and our own Vietnamese one) or is one of them with digits and symbols around it
/// ("matkhau@2026"), when it has fewer than 5 different characters, or when it is a run of
/// consecutive digits or letters ("123456789012"). Kept as typed: spaces are part of it.
pub struct NewPassword(String);

/// The minimum length of a new password.
pub const MIN_PASSWORD_CHARS: usize = 12;

fn common_passwords() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../data/common-passwords.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
}

/// Each character one after the other ("0123456789", "abcdefgh", "987654…"), digits wrapping.
fn is_run(s: &str) -> bool {
    let b = s.as_bytes();
    let next = |x: u8, y: u8, up: bool| {
        let (a, c) = if up { (x, y) } else { (y, x) };
        c == a.wrapping_add(1) || (a == b'9' && c == b'0')
    };
    b.len() > 1
        && [true, false]
            .iter()
            .any(|&up| b.windows(2).all(|w| next(w[0], w[1], up)))
}

fn is_common(text: &str) -> bool {
    let folded: String = vntext::fold(text)
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let core = folded.trim_matches(|c: char| !c.is_alphabetic());
    let list = common_passwords();
    let distinct: std::collections::HashSet<char> = folded.chars().collect();
    distinct.len() < 5
        || list.contains(folded.as_str())
        || list.contains(core)
        || is_run(&folded)
        || is_run(core) && core.len() >= 6
}

impl NewPassword {
    pub fn parse(text: &str) -> Result<NewPassword, NameError> {
        if text.chars().count() < MIN_PASSWORD_CHARS {
            Err(NameError::PasswordShort)
        } else if text.len() > 256 {
            Err(NameError::PasswordLong)
        } else if is_common(text) {
            Err(NameError::PasswordCommon)
        } else {
            Ok(NewPassword(text.to_string()))
        }
    }
    pub fn into_string(self) -> String {
        self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_mailboxes_are_accepted_and_their_domain_lowercased() {
        let a = EmailAddress::parse(" nguyen.van-a+ngoaivu@SoNgoaiVu.HaBac.gov.vn ").unwrap();
        assert_eq!(a.as_str(), "nguyen.van-a+ngoaivu@songoaivu.habac.gov.vn");
    }

    #[test]
    fn addresses_that_could_break_a_header_are_refused() {
        for bad in [
            "",
            "a",
            "a@b",
            "@x.vn",
            "a@.vn",
            "a..b@x.vn",
            ".a@x.vn",
            "a b@x.vn",
            "a@x.vn\r\nBcc: z@y.vn",
            "a@x.vn>",
            "\"a\"@x.vn",
            "nguyễn@x.vn",
            "a@-x.vn",
            "a@x_y.vn",
        ] {
            assert_eq!(EmailAddress::parse(bad), Err(NameError::Email), "{bad:?}");
        }
        let longest_local = format!("{}@{}.vn", "a".repeat(64), "b".repeat(63));
        assert!(EmailAddress::parse(&longest_local).is_ok());
        assert!(EmailAddress::parse(&format!("{}@x.vn", "a".repeat(65))).is_err());
        let over_254 = format!("a@{}.vn", vec!["b".repeat(60); 5].join("."));
        assert!(EmailAddress::parse(&over_254).is_err());
    }

    #[test]
    fn unit_and_place_names_are_cleaned_and_bounded() {
        let decomposed = "Pho\u{300}ng Tư pháp ";
        assert_eq!(
            UnitName::parse(decomposed).unwrap().as_str(),
            "Phòng Tư pháp"
        );
        assert_eq!(UnitName::parse("  "), Err(NameError::UnitEmpty));
        assert_eq!(
            UnitName::parse(&"ạ".repeat(201)),
            Err(NameError::UnitTooLong)
        );
        assert_eq!(PlaceName::parse("Hà Bắc").unwrap().as_str(), "Hà Bắc");
        assert_eq!(PlaceName::parse(&"x".repeat(101)), Err(NameError::Place));
        assert_eq!(PersonName::parse(""), Err(NameError::Person));
    }

    #[test]
    fn usernames_are_lowercase_ascii_of_three_to_forty() {
        assert_eq!(
            Username::parse(" VanPhong.01 ").unwrap().as_str(),
            "vanphong.01"
        );
        for bad in ["ab", "văn phòng", "a b c", "x@y", &"a".repeat(41)] {
            assert_eq!(Username::parse(bad), Err(NameError::Username), "{bad}");
        }
    }

    #[test]
    fn common_and_guessable_passwords_are_refused_and_passphrases_accepted() {
        // The example is refused for its length before its content.
        assert_eq!(
            NewPassword::parse("1234567890").err(),
            Some(NameError::PasswordShort)
        );
        for bad in [
            "123456789012",
            "0987654321098",
            "password1234",
            "Matkhau@2026!",
            "mật khẩu 123456",
            "aaaaaaaaaaaaaaa",
            "121212121212",
            "abcdefghijklm",
            "qwertyuiop123",
            "iloveyou2026",
        ] {
            assert_eq!(
                NewPassword::parse(bad).err(),
                Some(NameError::PasswordCommon),
                "{bad}"
            );
        }
        for good in [
            "mật khẩu thử nghiệm",
            "cây đa đầu làng năm 2026",
            "demo-a4b1631369",
            "Xa-Ha-Bac-doi-ngoai",
        ] {
            assert!(NewPassword::parse(good).is_ok(), "{good}");
        }
        assert!(common_passwords().len() > 3000);
    }

    #[test]
    fn passwords_need_twelve_characters_and_never_show() {
        assert_eq!(
            NewPassword::parse("ngắn").err(),
            Some(NameError::PasswordShort)
        );
        assert_eq!(
            NewPassword::parse(&"a".repeat(257)).err(),
            Some(NameError::PasswordLong)
        );
        assert_eq!(
            NewPassword::parse("10 ký tự ok").err(),
            Some(NameError::PasswordShort)
        );
        let p = NewPassword::parse("mật khẩu đủ dài").unwrap();
        assert_eq!(format!("{p:?}"), "NewPassword(…)");
        assert_eq!(p.into_string(), "mật khẩu đủ dài");
    }
}
