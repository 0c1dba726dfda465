use super::{declare_rule, Document, Rule, RuleCx, State};
use crate::finding::{Finding, Severity};
use crate::lexicon::{LexiconBuilder, Owner};
use crate::policy::{build_regex, PolicyPack};
use crate::Error;

declare_rule! {
    /// The organisation's own terms from its policy pack (`custom_terms`): words, phrases or
    /// regular expressions, each with its own severity, message and clause.
    ///
    /// Words and phrases are matched like every word list, with the same folding of
    /// disguises; regular expressions are case-insensitive, size-limited, and run on the text
    /// with invisible characters removed.
    ///
    /// ## Why
    /// Every organisation has names, projects and phrases of its own that its policy covers;
    /// it lists them as data, without touching code.
    ///
    /// ## Clause
    /// The clause given with each term (section 2, bullet 3 when none is given).
    ///
    /// ## Example
    /// With the custom term "Project Falcon" (stop, "an unreleased plan"), "Excited about
    /// Project Falcon!" is flagged at "Project Falcon".
    pub struct CustomTermRule {
        id: "custom-term",
        title: "Your organisation's own terms",
        category: Organisation,
        clause: ("2.3", "2.3"),
        quote: "Never disclose commercially sensitive, anti-competitive, private or confidential information.",
        severity: Warn,
        modes: Both,
        example: "Excited about Project Falcon!",
    }
}

struct Term {
    regex: Option<regex_lite::Regex>,
    severity: Severity,
    message: String,
    clause: Option<String>,
}

struct Terms(Vec<Term>);

impl Rule for CustomTermRule {
    fn prepare(
        &self,
        pack: &PolicyPack,
        _index: usize,
        lex: &mut LexiconBuilder,
    ) -> Result<State, Error> {
        let mut terms = Vec::with_capacity(pack.custom_terms.len());
        for (i, t) in pack.custom_terms.iter().enumerate() {
            let regex = if t.regex {
                Some(
                    build_regex(&t.term)
                        .map_err(|e| Error::Pack(format!("custom_terms[{i}].term: {e}")))?,
                )
            } else {
                lex.add_entry(Owner::Custom(i), 0, &t.term, true);
                None
            };
            terms.push(Term {
                regex,
                severity: t.severity,
                message: t.message.clone(),
                clause: t.clause.clone(),
            });
        }
        Ok(Some(Box::new(Terms(terms))))
    }

    fn check(&self, doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>) {
        let Some(Terms(terms)) = cx.state::<Terms>() else {
            return;
        };
        let make = |t: &Term, a: u32, b: u32| {
            let mut f = cx.finding(a, b, format!("“{}”: {}", doc.excerpt(a, b), t.message));
            f.severity = t.severity;
            if let Some(c) = &t.clause {
                f.clause = c.clone().into();
            }
            f.kind = Some("custom".into());
            f
        };
        for h in &doc.hits {
            if let Owner::Custom(i) = doc.lexicon.entry(h.entry).owner {
                if let (Some(t), Some((a, b))) = (terms.get(i), doc.norm.words.span(h.start..h.end))
                {
                    out.push(make(t, a, b));
                }
            }
        }
        let plain = doc.norm.plain.as_str();
        for t in terms {
            let Some(re) = &t.regex else { continue };
            for m in re.find_iter(plain) {
                if let Some((a, b)) = doc.plain_span(m.range()) {
                    out.push(make(t, a, b));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Checker, Context, PolicyPack, Severity, UserSettings};

    #[test]
    fn words_and_regexes_with_their_own_severity_and_clause() {
        let s = UserSettings::from_json(
            r#"{"custom_terms":[
                {"term":"Project Falcon","severity":"stop","message":"an unreleased plan","clause":"2.3"},
                {"term":"\\bREF-\\d{4}\\b","regex":true,"severity":"note","message":"an internal reference"}
            ]}"#,
        )
        .expect("valid");
        let c = Checker::new(PolicyPack::default_pack(), &s).expect("compiles");
        let text = "🚀 Excited about PROJECT  FALC0N! see ref-1234";
        let f: Vec<_> = c
            .check(text, &Context::default())
            .expect("checks")
            .into_iter()
            .filter(|f| f.rule == "custom-term")
            .collect();
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(
            crate::text::excerpt(text, f[0].start, f[0].end),
            "PROJECT  FALC0N"
        );
        assert_eq!((f[0].severity, &*f[0].clause), (Severity::Stop, "2.3"));
        assert!(f[0].message.contains("an unreleased plan"));
        assert_eq!(crate::text::excerpt(text, f[1].start, f[1].end), "ref-1234");
        assert_eq!(f[1].severity, Severity::Note);
    }

    #[test]
    fn allowed_terms_silence_findings() {
        let s = UserSettings::from_json(r#"{"allowed_terms":["bloody shitake"],"rules":{"obscene-language":{"allowed_terms":["pissing down"]}}}"#).expect("valid");
        let c = Checker::new(PolicyPack::default_pack(), &s).expect("compiles");
        let found = c
            .check(
                "It's pissing down. A bloody shitake? Piss off.",
                &Context::default(),
            )
            .expect("checks");
        let obscene: Vec<_> = found
            .iter()
            .filter(|f| f.rule == "obscene-language")
            .collect();
        assert_eq!(obscene.len(), 1, "{found:?}");
    }

    /// The organisation's own public number, allowed once, is allowed however it is spaced;
    /// another number is still personal data.
    #[test]
    fn an_allowed_number_is_compared_by_its_digits() {
        let s = UserSettings::from_json(r#"{"allowed_terms":["0300 300 8088"]}"#).expect("valid");
        let c = Checker::new(PolicyPack::default_pack(), &s).expect("compiles");
        let phones = |text: &str| -> usize {
            c.check(text, &Context::default())
                .expect("checks")
                .iter()
                .filter(|f| f.rule == "personal-data")
                .count()
        };
        assert_eq!(phones("Call our helpline on 0300 300 8088"), 0);
        assert_eq!(phones("Call our helpline on 0300-3008088 today"), 0);
        assert_eq!(phones("Call our helpline on +44 (0)300 300 8088"), 0);
        assert_eq!(phones("Call our helpline on 0044 300 300 8088"), 0);
        assert_eq!(phones("Call our helpline on 0300 300 8089"), 1);
        assert_eq!(phones("Call me on 07700 900123"), 1);
        let plain =
            Checker::new(PolicyPack::default_pack(), &UserSettings::default()).expect("compiles");
        let found = plain
            .check("Call our helpline on 0300 300 8088", &Context::default())
            .expect("checks");
        assert!(found.iter().any(|f| f.rule == "personal-data"), "{found:?}");
    }
}
