//! The README's rule table, docs/rules.md and www/rule-docs.json are generated from the rule
//! registry; these tests fail when they drift. Regenerate with `cargo run --release -- docs >
//! docs/rules.md`, `cargo run --release -- docs --format json > www/rule-docs.json` and by
//! pasting `second_thought::rules::markdown_table()` between the README's markers.

use std::path::Path;

fn read(path: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn readme_rule_table_matches_the_registry() {
    let readme = read("README.md");
    let begin = readme
        .find("<!-- rules:begin -->\n")
        .expect("README has the rules:begin marker")
        + "<!-- rules:begin -->\n".len();
    let end = readme
        .find("<!-- rules:end -->")
        .expect("README has the rules:end marker");
    assert_eq!(
        &readme[begin..end],
        second_thought::rules::markdown_table(),
        "README.md's rule table is out of date: replace it with second_thought::rules::markdown_table()"
    );
}

#[test]
fn docs_rules_md_matches_the_registry() {
    assert_eq!(
        read("docs/rules.md"),
        second_thought::rules::markdown_reference(),
        "docs/rules.md is out of date: cargo run --release -- docs > docs/rules.md"
    );
}

#[test]
fn www_rule_docs_match_the_registry() {
    assert_eq!(
        read("www/rule-docs.json"),
        second_thought::rules::docs_json(),
        "www/rule-docs.json is out of date: cargo run --release -- docs --format json > www/rule-docs.json"
    );
}
