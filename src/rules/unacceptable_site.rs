use super::{declare_rule, Document, Rule, RuleCx, State};
use crate::finding::Finding;
use crate::lexicon::{self, LexiconBuilder};
use crate::policy::PolicyPack;
use crate::Error;
use std::collections::HashMap;

const SITES: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicons/unacceptable-sites.txt"));

declare_rule! {
    /// Links to adult, gambling, piracy or illegal sites, written as a full link
    /// ("https://www.pornhub.com/…") or as a bare domain ("bet365.com").
    ///
    /// A listed domain matches
    /// itself and its subdomains; some top-level domains (.xxx, .porn, .casino, .bet, .onion)
    /// count whole. The list ships with the product (`lexicons/unacceptable-sites.txt`) and an
    /// organisation extends it with `rules."unacceptable-site".extra_terms` in its pack.
    ///
    /// ## Why
    /// The policy forbids posting a link to illegal or obscene content, and names adult,
    /// offensive, illegal and gambling sites as unacceptable.
    ///
    /// ## Clause
    /// Section 2, bullet 2 (work accounts); section 3, opening paragraph (personal accounts).
    ///
    /// ## Example
    /// "Free bets at bet365.com tonight" is flagged at "bet365.com".
    pub struct UnacceptableSite {
        id: "unacceptable-site",
        title: "Link to an unacceptable site",
        category: HowAndWhen,
        clause: ("2.2", "3"),
        quote: "Unacceptable websites such as those with but not limited to adult, offensive, illegal or gambling content must not be visited on work computers regardless of the hour.",
        severity: Stop,
        modes: Both,
        example: "Free bets at bet365.com tonight",
    }
}

/// Domain (or ".tld") → category.
struct Sites(HashMap<String, String>);

/// Candidate links in the plain text, as byte ranges: a host name with a dot between a
/// letter or digit and a top-level domain that starts with a letter, with the scheme before it
/// ("https://") and the path after it when they are written. Found by looking at each dot, so
/// prose without links costs one pass over the bytes.
fn links(plain: &str) -> Vec<(usize, usize, usize, usize)> {
    let b = plain.as_bytes();
    let is_host = |c: u8| c.is_ascii_alphanumeric() || c == b'-' || c == b'.';
    let mut out = Vec::new();
    let mut resume = 0usize;
    // From each "." (a vectorised byte search; most of a post is not near one).
    for d in memchr::memchr_iter(b'.', b) {
        if d < resume
            || d == 0
            || d + 1 >= b.len()
            || !b[d - 1].is_ascii_alphanumeric()
            || !b[d + 1].is_ascii_alphanumeric()
        {
            continue;
        }
        let mut hs = d;
        while hs > 0 && is_host(b[hs - 1]) {
            hs -= 1;
        }
        while hs < d && matches!(b[hs], b'.' | b'-') {
            hs += 1;
        }
        let mut he = d + 1;
        while he < b.len() && is_host(b[he]) {
            he += 1;
        }
        while he > d + 1 && matches!(b[he - 1], b'.' | b'-') {
            he -= 1;
        }
        resume = he;
        let tld = plain[hs..he].rsplit('.').next().unwrap_or("");
        if tld.len() < 2 || !tld.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        // Part of an email address, or of a longer word: not a link.
        if hs > 0 && (b[hs - 1] == b'@' || b[hs - 1] == b'_') {
            continue;
        }
        let mut start = hs;
        if plain[..hs].ends_with("://") {
            let mut k = hs - 3;
            while k > 0 && b[k - 1].is_ascii_alphabetic() {
                k -= 1;
            }
            if k < hs - 3 {
                start = k;
            }
        }
        let mut end = he;
        if end < b.len() && matches!(b[end], b'/' | b'?' | b'#' | b':') {
            while end < b.len() && !b[end].is_ascii_whitespace() && b[end] != b'<' && b[end] != b'>'
            {
                end += 1;
            }
        }
        resume = end;
        out.push((start, hs, he, end));
    }
    out
}

impl Rule for UnacceptableSite {
    fn reads_extra_terms(&self) -> bool {
        true
    }

    fn prepare(
        &self,
        pack: &PolicyPack,
        _index: usize,
        _lex: &mut LexiconBuilder,
    ) -> Result<State, Error> {
        let mut sites: HashMap<String, String> = lexicon::parse(SITES)
            .into_iter()
            .map(|e| (e.text.to_ascii_lowercase(), e.section))
            .collect();
        if let Some(s) = pack.rules.get(Self::META.id) {
            for (i, d) in s.extra_terms.iter().enumerate() {
                let d = d.trim().trim_start_matches("*.").to_ascii_lowercase();
                let d = d
                    .strip_prefix("https://")
                    .or_else(|| d.strip_prefix("http://"))
                    .unwrap_or(&d);
                let d = d.trim_start_matches("www.").trim_end_matches('/');
                if !d.contains('.') || d.contains(char::is_whitespace) || d.contains('/') {
                    return Err(Error::Pack(format!(
                        "rules.unacceptable-site.extra_terms[{i}]: '{d}' is not a domain like example.com or .tld"
                    )));
                }
                sites.insert(d.to_string(), "listed by your organisation".into());
            }
        }
        Ok(Some(Box::new(Sites(sites))))
    }

    fn check(&self, doc: &Document, cx: &RuleCx, out: &mut Vec<Finding>) {
        let Some(Sites(sites)) = cx.state::<Sites>() else {
            return;
        };
        let plain = doc.norm.plain.as_str();
        if !plain.contains('.') {
            return;
        }
        for (start, hs, he, end) in links(plain) {
            let host = plain[hs..he].to_ascii_lowercase();
            let Some(category) = lookup(sites, &host) else {
                continue;
            };
            // The link up to the end of the host, or the whole link when written with a scheme.
            let end = if start < hs { end } else { he };
            let end = start
                + plain[start..end]
                    .trim_end_matches(['.', ',', ')', '!', '?'])
                    .len();
            let Some((a, b)) = doc.plain_span(start..end) else {
                continue;
            };
            let what = match category {
                "adult" => "an adult site",
                "gambling" => "a gambling site",
                "piracy" => "a site that shares pirated material",
                "illegal" => "a site for illegal content",
                _ => "a site your organisation lists as unacceptable",
            };
            let mut f = cx.finding(
                a,
                b,
                format!("{host} is {what}. The policy forbids posting links to such sites."),
            );
            f.kind = Some(category.to_string().into());
            f.suggestion = Some("Remove the link.".into());
            out.push(f);
        }
    }
}

/// The category of a host: itself, any parent domain, or its top-level domain.
fn lookup<'a>(sites: &'a HashMap<String, String>, host: &str) -> Option<&'a str> {
    let mut h = host;
    loop {
        if let Some(c) = sites.get(h) {
            return Some(c);
        }
        match h.find('.') {
            Some(i) => {
                if let Some(c) = sites.get(&h[i..]) {
                    if !h[i + 1..].contains('.') {
                        return Some(c);
                    }
                }
                h = &h[i + 1..];
            }
            None => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Checker, Context};

    fn flagged_with(c: &Checker, text: &str) -> Vec<(String, String)> {
        c.check(text, &Context::default())
            .expect("checks")
            .iter()
            .filter(|f| f.rule == "unacceptable-site")
            .map(|f| {
                (
                    crate::text::excerpt(text, f.start, f.end).to_string(),
                    f.kind.clone().unwrap_or_default().into_owned(),
                )
            })
            .collect()
    }

    fn flagged(text: &str) -> Vec<(String, String)> {
        flagged_with(&Checker::default(), text)
    }

    #[test]
    fn links_and_bare_domains() {
        assert_eq!(
            flagged("🎰 bet365.com tonight"),
            [("bet365.com".into(), "gambling".into())]
        );
        assert_eq!(
            flagged("see https://www.pornhub.com/view?x=1."),
            [("https://www.pornhub.com/view?x=1".into(), "adult".into())]
        );
        assert_eq!(
            flagged("WWW.BETFAIR.COM/uk"),
            [("WWW.BETFAIR.COM".into(), "gambling".into())]
        );
        assert_eq!(
            flagged("try lucky.casino or x.onion"),
            [
                ("lucky.casino".into(), "gambling".into()),
                ("x.onion".into(), "illegal".into())
            ]
        );
        assert_eq!(
            flagged("thepiratebay.org"),
            [("thepiratebay.org".into(), "piracy".into())]
        );
    }

    #[test]
    fn ordinary_links_and_lookalikes_are_not_flagged() {
        for t in [
            "see https://www.gov.uk/children-with-special-educational-needs",
            "notbet365.com.example.org",
            "mail me at jo@bet365.com",
            "e.g. this",
            "betting on it",
            "3.5 stars",
        ] {
            assert!(flagged(t).is_empty(), "{t:?}: {:?}", flagged(t));
        }
    }

    #[test]
    fn the_pack_extends_the_list() {
        let pack = crate::PolicyPack::default_pack();
        let s = crate::UserSettings::from_json(
            r#"{"rules":{"unacceptable-site":{"extra_terms":["dodgy-deals.example"]}}}"#,
        )
        .expect("ok");
        let c = Checker::new(pack, &s).expect("compiles");
        assert_eq!(
            flagged_with(&c, "go to shop.dodgy-deals.example now").len(),
            1
        );
        let bad = crate::UserSettings::from_json(
            r#"{"rules":{"unacceptable-site":{"extra_terms":["not a domain"]}}}"#,
        )
        .expect("ok");
        let e = Checker::new(crate::PolicyPack::default_pack(), &bad)
            .err()
            .expect("refused")
            .to_string();
        assert!(e.contains("rules.unacceptable-site.extra_terms[0]"), "{e}");
    }
}
