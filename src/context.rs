//! The check context: who is posting, where, and when.

use serde::{Deserialize, Serialize};

/// Whether the account is the user's own or the organisation's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Personal,
    Work,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Personal => "personal",
            Mode::Work => "work",
        }
    }
}

/// The site the post is written on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Site {
    X,
    Facebook,
    Linkedin,
    #[default]
    Other,
}

impl Site {
    pub fn as_str(self) -> &'static str {
        match self {
            Site::X => "x",
            Site::Facebook => "facebook",
            Site::Linkedin => "linkedin",
            Site::Other => "other",
        }
    }
}

/// A local date and time, to the minute, as the user's clock shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
}

impl LocalTime {
    /// Parses `YYYY-MM-DDTHH:MM` (seconds, fractions and a zone suffix are accepted and ignored;
    /// a space may stand for the `T`).
    pub fn parse(s: &str) -> Result<LocalTime, String> {
        let bad = || format!("'{s}' is not a local date and time like 2026-11-24T10:30");
        let b = s.trim().as_bytes();
        if b.len() < 16
            || b[4] != b'-'
            || b[7] != b'-'
            || !(b[10] == b'T' || b[10] == b' ')
            || b[13] != b':'
        {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32, String> {
            let part = &b[r];
            if part.iter().all(u8::is_ascii_digit) {
                Ok(part.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
            } else {
                Err(bad())
            }
        };
        let (year, month, day, hour, minute) = (
            num(0..4)?,
            num(5..7)?,
            num(8..10)?,
            num(11..13)?,
            num(14..16)?,
        );
        let t = LocalTime {
            year: year as i32,
            month: month as u8,
            day: day as u8,
            hour: hour as u8,
            minute: minute as u8,
        };
        if !(1..=12).contains(&month) || day == 0 || day > u32::from(days_in_month(t.year, t.month))
        {
            return Err(format!("'{s}' is not a real date"));
        }
        if hour > 23 || minute > 59 {
            return Err(format!("'{s}' is not a real time of day"));
        }
        Ok(t)
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(&self) -> u8 {
        // Sakamoto's method gives 0 = Sunday.
        const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let mut y = self.year;
        if self.month < 3 {
            y -= 1;
        }
        let sunday_based =
            (y + y / 4 - y / 100 + y / 400 + T[usize::from(self.month - 1)] + i32::from(self.day))
                .rem_euclid(7);
        ((sunday_based + 6) % 7) as u8
    }

    /// Minutes since midnight.
    pub fn minutes(&self) -> u16 {
        u16::from(self.hour) * 60 + u16::from(self.minute)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl Serialize for LocalTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute
        ))
    }
}

impl<'de> Deserialize<'de> for LocalTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        LocalTime::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Everything a check needs to know besides the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Context {
    pub mode: Mode,
    /// Whether this browser is authorised to post for the organisation (work mode).
    pub authorised: bool,
    pub site: Site,
    /// The user's local time, for the work-time rule; absent means "unknown" and that rule
    /// stays quiet.
    pub at: Option<LocalTime>,
}

impl Context {
    /// Reads a context from JSON, e.g. `{"mode":"work","site":"x","at":"2026-11-24T10:30"}`.
    pub fn from_json(json: &str) -> Result<Context, crate::Error> {
        serde_json::from_str(json)
            .map_err(|e| crate::Error::Context(crate::policy::describe_json_error(json, &e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_times_and_weekdays() {
        let t = LocalTime::parse("2026-11-24T10:30").expect("valid");
        assert_eq!((t.hour, t.minute), (10, 30));
        assert_eq!(t.weekday(), 1, "24 November 2026 is a Tuesday");
        assert_eq!(
            LocalTime::parse("2024-02-29 23:59:10Z")
                .expect("leap day")
                .weekday(),
            3
        );
        assert_eq!(
            LocalTime::parse("2000-01-01T00:00")
                .expect("valid")
                .weekday(),
            5
        );
        for bad in [
            "2026-11-24",
            "2026-13-01T10:00",
            "2026-11-24T25:00",
            "2023-02-29T10:00",
            "2026-11-24T10:6x",
            "😀😀😀😀😀😀😀😀",
        ] {
            assert!(LocalTime::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn context_json_names_the_bad_field() {
        let err = Context::from_json(r#"{"mode":"work","site":"myspace"}"#).expect_err("bad site");
        assert!(err.to_string().contains("site"), "{err}");
        let err = Context::from_json(r#"{"at":"2026-11-24T25:00"}"#).expect_err("bad time");
        assert!(err.to_string().contains("at"), "{err}");
        let c = Context::from_json(r#"{"mode":"work","authorised":true,"site":"linkedin"}"#)
            .expect("ok");
        assert_eq!(
            (c.mode, c.authorised, c.site),
            (Mode::Work, true, Site::Linkedin)
        );
    }
}
