//! `train-classifier`: trains the offensive-language classifier and writes `models/offensive.bin`.
//!
//! ```text
//! cargo run --release --bin train-classifier -- [--seed N] [--davidson FILE] [--olid FILE]
//!     [--out FILE] [--bits K] [--chars MIN-MAX|none] [--no-bigrams] [--no-unigrams]
//!     [--no-sqrt-norm] [--epochs N] [--alpha A] [--l1 X] [--l2 X] [--max-fpr X] [--cv-only]
//!     [--nb ALPHA] [--nb-mix X]
//! ```
//!
//! Trains only on `offensive_davidson.jsonl` (Davidson et al. 2017, MIT) and
//! `offensive_olid_train.jsonl` (OLID v1.0, Zampieri et al. 2019, CC BY 4.0), minus the rows
//! `second_thought::classifier::is_held_out` keeps back (one in five of each file). The
//! threshold is chosen on 5-fold cross-validation of the training rows (each fold's model
//! quantised as it would ship): the one with the best mean F1 over the two files among those
//! that keep Davidson's false-positive rate at or below `--max-fpr` (default 0.05). The final
//! model is then trained on all training rows, and its precision, recall, F1 and
//! false-positive rate on the held-out rows of each file are printed. Same data and seed:
//! byte-identical output. Exit status 2 with a message when a file is missing or malformed.
//!
//! Run from the crate root: `cargo run --release --bin train-classifier`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    match native::run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-classifier: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use second_thought::classifier::train::{
        choose_threshold, confusions, cross_validate, fit, words_of, Confusion, Dataset, Example,
        TrainConfig,
    };
    use second_thought::classifier::{fnv1a, is_held_out, Classifier};
    use std::time::Instant;

    const NAMES: [&str; 2] = ["davidson", "olid"];
    const FOLDS: usize = 5;

    struct Args {
        files: [String; 2],
        out: String,
        cfg: TrainConfig,
        max_fpr: f64,
        cv_only: bool,
    }

    fn parse_args() -> Result<Args, String> {
        let mut a = Args {
            files: [
                "../shared/eval/offensive_davidson.jsonl".into(),
                "../shared/eval/offensive_olid_train.jsonl".into(),
            ],
            out: "models/offensive.bin".into(),
            cfg: TrainConfig::default(),
            max_fpr: 0.05,
            cv_only: false,
        };
        let mut it = std::env::args().skip(1);
        while let Some(flag) = it.next() {
            let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
            fn num<T: std::str::FromStr>(s: String, name: &str) -> Result<T, String> {
                s.parse().map_err(|_| format!("{name}: not a number: {s}"))
            }
            match flag.as_str() {
                "--davidson" => a.files[0] = value("--davidson")?,
                "--olid" => a.files[1] = value("--olid")?,
                "--out" => a.out = value("--out")?,
                "--seed" => a.cfg.seed = num(value("--seed")?, "--seed")?,
                "--bits" => a.cfg.features.bucket_bits = num(value("--bits")?, "--bits")?,
                "--epochs" => a.cfg.epochs = num(value("--epochs")?, "--epochs")?,
                "--alpha" => a.cfg.alpha = num(value("--alpha")?, "--alpha")?,
                "--beta" => a.cfg.beta = num(value("--beta")?, "--beta")?,
                "--l1" => a.cfg.l1 = num(value("--l1")?, "--l1")?,
                "--l2" => a.cfg.l2 = num(value("--l2")?, "--l2")?,
                "--max-fpr" => a.max_fpr = num(value("--max-fpr")?, "--max-fpr")?,
                "--chars" => {
                    let v = value("--chars")?;
                    let (lo, hi) = if v == "none" {
                        (0, 0)
                    } else {
                        let (lo, hi) = v.split_once('-').ok_or("--chars: MIN-MAX or none")?;
                        (num(lo.into(), "--chars")?, num(hi.into(), "--chars")?)
                    };
                    a.cfg.features.char_min = lo;
                    a.cfg.features.char_max = hi;
                }
                "--no-bigrams" => a.cfg.features.bigrams = false,
                "--no-unigrams" => a.cfg.features.unigrams = false,
                "--no-sqrt-norm" => a.cfg.features.sqrt_norm = false,
                "--no-balance-groups" => a.cfg.balance_groups = false,
                "--no-balance-classes" => a.cfg.balance_classes = false,
                "--cv-only" => a.cv_only = true,
                "--nb" => a.cfg.nb_alpha = num(value("--nb")?, "--nb")?,
                "--nb-mix" => a.cfg.nb_mix = num(value("--nb-mix")?, "--nb-mix")?,
                "-h" | "--help" => {
                    println!("{}", USAGE);
                    std::process::exit(0);
                }
                other => return Err(format!("unknown argument {other}\n{USAGE}")),
            }
        }
        Ok(a)
    }

    const USAGE: &str = "usage: train-classifier [--seed N] [--davidson FILE] [--olid FILE] \
[--out FILE] [--bits K] [--chars MIN-MAX|none] [--no-bigrams] [--no-unigrams] [--no-sqrt-norm] \
[--no-balance-groups] [--no-balance-classes] [--epochs N] [--alpha A] [--beta B] [--l1 X] \
[--l2 X] [--max-fpr X] [--cv-only] [--nb ALPHA] [--nb-mix X]";

    #[derive(serde::Deserialize)]
    struct Row {
        id: serde_json::Value,
        text: String,
        label: u8,
    }

    /// (id, example) of every row of a file.
    fn read(path: &str, group: usize) -> Result<Vec<(String, Example)>, String> {
        let data = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "cannot read {path}: {e} (give its path with --{})",
                NAMES[group]
            )
        })?;
        let mut out = Vec::new();
        for (i, line) in data.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let row: Row =
                serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", i + 1))?;
            let id = match row.id {
                serde_json::Value::String(s) => s,
                v => v.to_string(),
            };
            out.push((
                id,
                Example {
                    words: words_of(&row.text),
                    label: row.label != 0,
                    group,
                },
            ));
        }
        Ok(out)
    }

    fn print_table(title: &str, c: &[Confusion]) {
        println!("{title}");
        for (name, c) in NAMES.iter().zip(c) {
            println!("  {name:<9} {c}");
        }
    }

    pub fn run() -> Result<(), String> {
        let args = parse_args()?;
        let cfg = args.cfg;
        let t0 = Instant::now();
        let mut ids = Vec::new();
        let mut examples = Vec::new();
        for (g, path) in args.files.iter().enumerate() {
            for (id, e) in read(path, g)? {
                ids.push(id);
                examples.push(e);
            }
        }
        let t_read = t0.elapsed();
        let ds = Dataset::new(&examples, cfg.features);
        let held: Vec<usize> = (0..ds.len()).filter(|&i| is_held_out(&ids[i])).collect();
        let train: Vec<usize> = (0..ds.len()).filter(|&i| !is_held_out(&ids[i])).collect();
        println!(
            "rows: {} ({} training, {} held out); features {:?}",
            ds.len(),
            train.len(),
            held.len(),
            cfg.features
        );
        println!(
            "epochs {}  alpha {}  beta {}  l1 {}  l2 {}  nb {} (mix {})  seed {}",
            cfg.epochs, cfg.alpha, cfg.beta, cfg.l1, cfg.l2, cfg.nb_alpha, cfg.nb_mix, cfg.seed
        );

        // The threshold, from out-of-fold scores of the training rows. The fold uses other bits
        // of the id hash than the held-out split.
        let t1 = Instant::now();
        let fold_of = |r: usize| (fnv1a(ids[r].as_bytes()) / 5) as usize % FOLDS;
        let oof = cross_validate(&ds, &train, FOLDS, fold_of, &cfg, &examples)
            .map_err(|e| e.to_string())?;
        let threshold = choose_threshold(&ds, &train, &oof, &[Some(args.max_fpr), None]);
        let cv = confusions(&ds, &train, &oof, threshold, NAMES.len());
        print_table(
            &format!("{FOLDS}-fold cross-validation, threshold {threshold:.3}"),
            &cv,
        );
        println!(
            "cv-summary t {threshold:.3} dav F1 {:.4} FPR {:.4} olid F1 {:.4} mean {:.4}",
            cv[0].f1(),
            cv[0].fpr(),
            cv[1].f1(),
            (cv[0].f1() + cv[1].f1()) / 2.0
        );
        for t in [0.3, 0.4, 0.5, 0.6, 0.7] {
            print_table(
                &format!("  at {t}"),
                &confusions(&ds, &train, &oof, t, NAMES.len()),
            );
        }
        let t_cv = t1.elapsed();
        if args.cv_only {
            println!("read {:.1?}, cross-validation {:.1?}", t_read, t_cv);
            return Ok(());
        }

        let t2 = Instant::now();
        let trained = fit(&ds, &train, &cfg);
        let model = trained.quantise(threshold).map_err(|e| e.to_string())?;
        let t_fit = t2.elapsed();
        let bytes = model.to_bytes();
        // What ships is what was measured: read back through the parser.
        let model = Classifier::from_bytes(&bytes).map_err(|e| e.to_string())?;
        let scores: Vec<f32> = held
            .iter()
            .map(|&r| model.probability(&examples[r].words))
            .collect();
        print_table(
            &format!("held out, shipped model, threshold {threshold:.3}"),
            &confusions(&ds, &held, &scores, threshold, NAMES.len()),
        );
        // The cost of quantisation, for information.
        let float: Vec<f32> = held
            .iter()
            .map(|&r| (1.0 / (1.0 + (-trained.logit(&ds, r)).exp())) as f32)
            .collect();
        print_table(
            "held out, before quantisation (for comparison)",
            &confusions(&ds, &held, &float, threshold, NAMES.len()),
        );
        if let Some(dir) = std::path::Path::new(&args.out).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
        }
        std::fs::write(&args.out, &bytes).map_err(|e| format!("cannot write {}: {e}", args.out))?;
        let nz = bytes[32..].iter().filter(|&&b| b != 0).count();
        println!(
            "wrote {} ({} bytes, {} of {} weights non-zero before quantisation, {} after; FNV-1a {:08x})",
            args.out,
            bytes.len(),
            trained.nonzero(),
            trained.weights.len(),
            nz,
            fnv1a(&bytes)
        );
        println!(
            "read+normalise {:.1?}, cross-validation {:.1?}, final fit {:.1?}, total {:.1?}",
            t_read,
            t_cv,
            t_fit,
            t0.elapsed()
        );
        Ok(())
    }
}
