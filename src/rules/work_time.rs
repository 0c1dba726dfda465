use super::{declare_rule, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::LexiconBuilder;
use crate::policy::{parse_day, parse_hhmm, PolicyPack};
use crate::Error;

declare_rule! {
    /// On a personal account: posting during the organisation's working hours, lunch break
    /// excepted (hours from the policy pack).
    ///
    /// Hours, days and lunch come from the policy pack (`working_hours`); the local time comes
    /// from the check context. Without a time, or without working hours in the pack, the rule
    /// stays quiet. The finding covers the whole post.
    ///
    /// ## Why
    /// Personal use of social media must be done in your own time, not in work time; the
    /// organisation allows personal use during lunch.
    ///
    /// ## Clause
    /// Section 3, opening paragraph.
    ///
    /// ## Example
    /// "Off to the shops!" posted at 10:30 on a Tuesday is noted.
    pub struct WorkTime {
        id: "work-time",
        title: "Posting in work time",
        category: HowAndWhen,
        clause: ("3", "3"),
        quote: "Personal use of social media sites must be done in your own time and not in work time. CBC do allow employees personal use of emails and the internet during lunch hours.",
        severity: Note,
        modes: Personal,
        example: "Off to the shops!",
    }
}

/// Working days as a bit set (bit 0 = Monday) and minute ranges.
struct Hours {
    days: u8,
    start: u16,
    end: u16,
    lunch: Option<(u16, u16)>,
}

impl Rule for WorkTime {
    fn prepare(
        &self,
        pack: &PolicyPack,
        _index: usize,
        _lex: &mut LexiconBuilder,
    ) -> Result<State, Error> {
        let Some(w) = &pack.working_hours else {
            return Ok(None);
        };
        // The pack is validated before rules are prepared, so these parse.
        let t = |s: &str| {
            parse_hhmm(s).ok_or_else(|| {
                Error::Pack(format!("working_hours: '{s}' is not a time like 09:00"))
            })
        };
        let hours = Hours {
            days: w
                .days
                .iter()
                .filter_map(|d| parse_day(d))
                .fold(0u8, |acc, d| acc | 1 << d),
            start: t(&w.start)?,
            end: t(&w.end)?,
            lunch: match &w.lunch {
                Some(l) => Some((t(&l.start)?, t(&l.end)?)),
                None => None,
            },
        };
        Ok(Some(Box::new(hours)))
    }

    fn check(&self, doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>) {
        let (Some(h), Some(at)) = (cx.state::<Hours>(), cx.ctx.at) else {
            return;
        };
        if doc.text.trim().is_empty() || h.days & (1 << at.weekday()) == 0 {
            return;
        }
        let m = at.minutes();
        let working = h.start <= m && m < h.end;
        let lunch = h.lunch.is_some_and(|(a, b)| a <= m && m < b);
        if working && !lunch {
            cx.push(
                out,
                0,
                doc.norm.units,
                // Written out rather than formatted: this message goes with most posts made in
                // working hours, and formatting cost more than the rule's test.
                {
                    let mut msg = String::with_capacity(140);
                    msg.push_str("It is ");
                    push_two_digits(&mut msg, at.hour);
                    msg.push(':');
                    push_two_digits(&mut msg, at.minute);
                    msg.push_str(", inside working hours. The policy asks you to use social media for yourself in your own time (lunch is fine).");
                    msg
                },
                "work-hours",
                Some("Save it as a draft and post it after work or at lunch."),
            );
        }
    }
}

/// Appends `n` in at least two digits, as `format!("{n:02}")` writes it.
fn push_two_digits(s: &mut String, n: u8) {
    let digit = |d: u8| char::from(b'0' + d % 10);
    if n >= 100 {
        s.push(digit(n / 100));
    }
    s.push(digit(n / 10));
    s.push(digit(n));
}

#[cfg(test)]
mod tests {
    use crate::{Context, LocalTime, Mode};

    #[test]
    fn two_digits_writes_what_format_writes() {
        for n in 0..=u8::MAX {
            let mut s = String::from("x");
            super::push_two_digits(&mut s, n);
            assert_eq!(s, format!("x{n:02}"));
        }
    }

    fn noted(at: &str, mode: Mode) -> bool {
        let ctx = Context {
            mode,
            at: Some(LocalTime::parse(at).expect("time")),
            ..Context::default()
        };
        crate::test_checker()
            .check("Off to the shops 🛒", &ctx)
            .expect("checks")
            .iter()
            .any(|f| {
                f.rule == "work-time"
                    && f.start == 0
                    && f.end == 19
                    && f.severity == crate::Severity::Note
            })
    }

    #[test]
    fn working_hours_lunch_and_weekends() {
        assert!(noted("2026-11-24T10:30", Mode::Personal), "Tuesday morning");
        assert!(!noted("2026-11-24T12:45", Mode::Personal), "lunch");
        assert!(!noted("2026-11-24T08:59", Mode::Personal), "before work");
        assert!(noted("2026-11-24T09:00", Mode::Personal), "first minute");
        assert!(!noted("2026-11-24T17:00", Mode::Personal), "after work");
        assert!(!noted("2026-11-28T10:30", Mode::Personal), "Saturday");
        assert!(!noted("2026-11-24T10:30", Mode::Work), "work account");
    }

    #[test]
    fn quiet_without_a_time() {
        let found = crate::test_checker()
            .check("Off to the shops", &Context::default())
            .expect("checks");
        assert!(found.iter().all(|f| f.rule != "work-time"));
    }
}
