//! `second-thought`: the command-line face of the checker, for admins and for evaluation.
//!
//! Exit codes: 0 = nothing at stop severity, 1 = at least one stop finding,
//! 2 = usage or input error (with a message on stderr).

use second_thought::rules::RuleInfo;
use second_thought::{
    text, Checker, Context, Finding, LocalTime, Mode, PolicyPack, Severity, Site, UserSettings,
};
use std::io::{BufRead, IsTerminal, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
second-thought: check social media posts against an organisation's social media policy

Usage:
  second-thought check [OPTIONS] [FILE ...]   check files (stdin when none)
  second-thought rules [--format json]        list the rules
  second-thought docs [--format json]         print the rule reference as Markdown (or each
                                              rule's documentation as JSON, by id)
  second-thought validate FILE                check a policy pack
  second-thought eval FILE.jsonl --rules a,b  measure precision and recall on labelled data

Options for check (and eval):
  --policy FILE        policy pack (JSON); default: the shipped Central Bedfordshire SENDIASS pack
  --settings FILE      user settings (JSON) laid over the pack
  --mode personal|work account mode (default personal)
  --site x|facebook|linkedin|other
  --authorised         this browser is authorised to post for the organisation
  --at 2026-11-24T10:30  local time, for the work-time rule
  --format text|json   output format (default text)
  --jsonl              read JSON lines with \"id\" and \"text\"; print one line per input
  --color / --no-color highlight excerpts (default: when stdout is a terminal)
  --held-out           (eval) only the rows the classifier was not trained on
  --model FILE         the classifier's model file in place of the built-in one (e.g. one
                       train-classifier wrote, to measure it before it ships)
  --examples N         (eval) how many false positives and misses to show (default 5)

Exit status: 0 nothing at stop severity, 1 at least one stop finding, 2 usage or input error.
";

/// A usage or input error: printed on stderr, exit status 2.
struct Fail(String);

impl<E: std::fmt::Display> From<E> for Fail {
    fn from(e: E) -> Fail {
        Fail(e.to_string())
    }
}

#[derive(Default)]
struct Opts {
    policy: Option<String>,
    settings: Option<String>,
    ctx: Context,
    json: bool,
    jsonl: bool,
    color: Option<bool>,
    files: Vec<String>,
    rules: Option<String>,
    limit_examples: usize,
    held_out: bool,
    model: Option<String>,
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(Fail(msg)) => {
            eprintln!("second-thought: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, Fail> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let command = match parser.next()? {
        Some(Value(v)) => v.string()?,
        Some(Long("help") | Short('h')) | None => {
            print!("{USAGE}");
            return Ok(ExitCode::SUCCESS);
        }
        Some(Long("version") | Short('V')) => {
            println!("second-thought {}", env!("CARGO_PKG_VERSION"));
            return Ok(ExitCode::SUCCESS);
        }
        Some(other) => return Err(Fail(format!("{}\n\n{USAGE}", other.unexpected()))),
    };
    let mut o = Opts {
        limit_examples: 5,
        ..Opts::default()
    };
    while let Some(arg) = parser.next()? {
        match arg {
            Long("policy") => o.policy = Some(parser.value()?.string()?),
            Long("settings") => o.settings = Some(parser.value()?.string()?),
            Long("mode") => {
                o.ctx.mode = match parser.value()?.string()?.as_str() {
                    "personal" => Mode::Personal,
                    "work" => Mode::Work,
                    m => return Err(Fail(format!("--mode: '{m}' is not personal or work"))),
                }
            }
            Long("site") => {
                o.ctx.site = match parser.value()?.string()?.as_str() {
                    "x" | "twitter" => Site::X,
                    "facebook" => Site::Facebook,
                    "linkedin" => Site::Linkedin,
                    "other" => Site::Other,
                    s => {
                        return Err(Fail(format!(
                            "--site: '{s}' is not x, facebook, linkedin or other"
                        )))
                    }
                }
            }
            Long("authorised") | Long("authorized") => o.ctx.authorised = true,
            Long("at") => {
                let v = parser.value()?.string()?;
                o.ctx.at = Some(LocalTime::parse(&v).map_err(|e| Fail(format!("--at: {e}")))?);
            }
            Long("format") => {
                o.json = match parser.value()?.string()?.as_str() {
                    "json" => true,
                    "text" => false,
                    f => return Err(Fail(format!("--format: '{f}' is not text or json"))),
                }
            }
            Long("jsonl") => o.jsonl = true,
            Long("color") | Long("colour") => o.color = Some(true),
            Long("no-color") | Long("no-colour") => o.color = Some(false),
            Long("rules") => o.rules = Some(parser.value()?.string()?),
            Long("examples") => o.limit_examples = parser.value()?.parse()?,
            Long("held-out") => o.held_out = true,
            Long("model") => o.model = Some(parser.value()?.string()?),
            Long("help") | Short('h') => {
                print!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            Value(v) => o.files.push(v.string()?),
            other => return Err(Fail(format!("{}\n\n{USAGE}", other.unexpected()))),
        }
    }
    match command.as_str() {
        "check" => check(&o),
        "rules" => rules(&o),
        "docs" if o.json => {
            print!("{}", second_thought::rules::docs_json());
            Ok(ExitCode::SUCCESS)
        }
        "docs" => {
            print!("{}", second_thought::rules::markdown_reference());
            Ok(ExitCode::SUCCESS)
        }
        "validate" => validate(&o),
        "eval" => eval(&o),
        c => Err(Fail(format!("unknown command '{c}'\n\n{USAGE}"))),
    }
}

fn read_file(path: &str) -> Result<String, Fail> {
    std::fs::read_to_string(path).map_err(|e| Fail(format!("{path}: {e}")))
}

fn checker(o: &Opts) -> Result<Checker, Fail> {
    if let Some(path) = &o.model {
        // Before anything asks for the model: the first model loaded is the one in force.
        let bytes = std::fs::read(path).map_err(|e| Fail(format!("{path}: {e}")))?;
        second_thought::classifier::load(&bytes).map_err(|e| Fail(format!("{path}: {e}")))?;
    }
    let pack = match &o.policy {
        Some(p) => PolicyPack::from_json(&read_file(p)?).map_err(|e| Fail(format!("{p}: {e}")))?,
        None => PolicyPack::default_pack(),
    };
    let settings = match &o.settings {
        Some(p) => {
            UserSettings::from_json(&read_file(p)?).map_err(|e| Fail(format!("{p}: {e}")))?
        }
        None => UserSettings::default(),
    };
    Checker::new(pack, &settings).map_err(|e| Fail(e.to_string()))
}

fn check(o: &Opts) -> Result<ExitCode, Fail> {
    let checker = checker(o)?;
    let stdout = std::io::stdout();
    let color = o.color.unwrap_or_else(|| stdout.is_terminal());
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut any_stop = false;
    let inputs: Vec<(String, Box<dyn Read>)> = if o.files.is_empty() {
        vec![("<stdin>".to_string(), Box::new(std::io::stdin()))]
    } else {
        o.files
            .iter()
            .map(|f| -> Result<(String, Box<dyn Read>), Fail> {
                let file = std::fs::File::open(f).map_err(|e| Fail(format!("{f}: {e}")))?;
                Ok((f.clone(), Box::new(file)))
            })
            .collect::<Result<_, _>>()?
    };
    for (name, mut reader) in inputs {
        if o.jsonl {
            let buf = std::io::BufReader::new(reader);
            for (n, line) in buf.lines().enumerate() {
                let line = line.map_err(|e| Fail(format!("{name}: {e}")))?;
                if line.trim().is_empty() {
                    continue;
                }
                let v: serde_json::Value = serde_json::from_str(&line)
                    .map_err(|e| Fail(format!("{name}:{}: not JSON: {e}", n + 1)))?;
                let text = v
                    .get("text")
                    .and_then(|t| t.as_str())
                    .ok_or_else(|| Fail(format!("{name}:{}: no \"text\" string", n + 1)))?;
                let findings = checker
                    .check(text, &o.ctx)
                    .map_err(|e| Fail(format!("{name}:{}: {e}", n + 1)))?;
                any_stop |= findings.iter().any(|f| f.severity == Severity::Stop);
                let id = v.get("id").cloned().unwrap_or(serde_json::Value::Null);
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({ "id": id, "findings": findings })
                )?;
            }
            continue;
        }
        let mut text = String::new();
        reader
            .read_to_string(&mut text)
            .map_err(|e| Fail(format!("{name}: {e}")))?;
        let findings = checker
            .check(&text, &o.ctx)
            .map_err(|e| Fail(format!("{name}: {e}")))?;
        any_stop |= findings.iter().any(|f| f.severity == Severity::Stop);
        if o.json {
            let v = if o.files.len() > 1 {
                serde_json::json!({ "file": name, "findings": findings })
            } else {
                serde_json::json!({ "findings": findings })
            };
            writeln!(out, "{v}")?;
        } else {
            write_human(&mut out, &name, &text, &findings, color)?;
        }
    }
    out.flush()?;
    Ok(if any_stop {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `file:line:col: severity [rule clause] message`, the line, and a marker under the excerpt.
fn write_human(
    out: &mut impl Write,
    name: &str,
    text: &str,
    findings: &[Finding],
    color: bool,
) -> std::io::Result<()> {
    if findings.is_empty() {
        writeln!(out, "{name}: no findings")?;
        return Ok(());
    }
    for f in findings {
        let Some(range) = text::utf16_to_byte_range(text, f.start, f.end) else {
            continue;
        };
        let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let line_no = text[..range.start].matches('\n').count() + 1;
        let line_end = text[range.start..]
            .find('\n')
            .map_or(text.len(), |i| range.start + i)
            .max(range.end.min(text.len()));
        let col = text[line_start..range.start].chars().count() + 1;
        let (sev, bold, reset) = if color {
            let c = match f.severity {
                Severity::Stop => "\x1b[1;31m",
                Severity::Warn => "\x1b[1;33m",
                Severity::Note => "\x1b[1;36m",
            };
            (format!("{c}{}\x1b[0m", f.severity), "\x1b[1;4m", "\x1b[0m")
        } else {
            (f.severity.to_string(), "", "")
        };
        writeln!(
            out,
            "{name}:{line_no}:{col}: {sev} [{} {}] {}",
            f.rule, f.clause, f.message
        )?;
        let first_line_end = text[range.start..]
            .find('\n')
            .map_or(range.end, |i| (range.start + i).min(range.end));
        let before = &text[line_start..range.start];
        let hit = &text[range.start..first_line_end];
        let after = &text[first_line_end..line_end]
            .split('\n')
            .next()
            .unwrap_or("");
        writeln!(out, "    {before}{bold}{hit}{reset}{after}")?;
        if !color {
            let pad = " ".repeat(before.chars().count());
            let marks = "^".repeat(hit.chars().count().max(1));
            writeln!(out, "    {pad}{marks}")?;
        }
        if let Some(s) = &f.suggestion {
            writeln!(out, "    suggestion: {s}")?;
        }
    }
    Ok(())
}

fn rules(o: &Opts) -> Result<ExitCode, Fail> {
    let infos: Vec<RuleInfo> = second_thought::rule_infos();
    if o.json {
        println!("{}", serde_json::to_string_pretty(&infos)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{:<24} {:<8} {:<28} {:<9} TITLE",
        "ID", "SEVERITY", "CLAUSE", "ACCOUNTS"
    );
    for r in &infos {
        println!(
            "{:<24} {:<8} {:<28} {:<9} {}",
            r.id,
            r.severity.as_str(),
            r.clause,
            serde_json::to_value(r.modes)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
            r.title
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn validate(o: &Opts) -> Result<ExitCode, Fail> {
    let [file] = o.files.as_slice() else {
        return Err(Fail(
            "validate takes one file: second-thought validate PACK.json".into(),
        ));
    };
    let pack =
        PolicyPack::from_json(&read_file(file)?).map_err(|e| Fail(format!("{file}: {e}")))?;
    Checker::new(pack.clone(), &UserSettings::default())
        .map_err(|e| Fail(format!("{file}: {e}")))?;
    println!(
        "{file}: a valid policy pack for {} ({} custom terms, {} rule settings)",
        pack.organisation.name,
        pack.custom_terms.len(),
        pack.rules.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn eval(o: &Opts) -> Result<ExitCode, Fail> {
    let [file] = o.files.as_slice() else {
        return Err(Fail(
            "eval takes one file: second-thought eval FILE.jsonl --rules a,b".into(),
        ));
    };
    let rules: Vec<String> = match &o.rules {
        Some(r) => r
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        None => {
            return Err(Fail(
                "eval needs --rules a,b,c (a post counts as flagged when any of them fires)".into(),
            ))
        }
    };
    for r in &rules {
        if second_thought::rules::meta(r).is_none() {
            return Err(Fail(format!("--rules: unknown rule id '{r}'")));
        }
    }
    let checker = checker(o)?;
    let data = read_file(file)?;
    let part = if o.held_out {
        second_thought::eval::Part::HeldOut
    } else {
        second_thought::eval::Part::All
    };
    let report = second_thought::eval::evaluate_part(
        &checker,
        &o.ctx,
        &data,
        &rules,
        o.limit_examples,
        part,
    )
    .map_err(Fail)?;
    print!("{report}");
    Ok(ExitCode::SUCCESS)
}
