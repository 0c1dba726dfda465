//! Build script: the word lists of `lexicons/` as the crate compiles them in, without their
//! comment lines. The comments say why each entry is there (for the people who maintain the
//! lists); nothing reads them at run time, and in the wasm they were 5.8 KB (2.4 KB gzipped) of
//! the module. Entries, sections and the comments after an entry are kept as written, so
//! `lexicon::parse` reads the same lists.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=lexicons");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let out = Path::new(&out).join("lexicons");
    std::fs::create_dir_all(&out).expect("OUT_DIR/lexicons can be created");
    let mut lists: Vec<_> = std::fs::read_dir("lexicons")
        .expect("lexicons/ is beside Cargo.toml")
        .map(|entry| entry.expect("lexicons/ can be listed").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    lists.sort();
    for path in lists {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("a word list is UTF-8 text");
        let mut kept = String::with_capacity(text.len());
        for line in text.lines() {
            if !line.trim_start().starts_with('#') {
                kept.push_str(line);
                kept.push('\n');
            }
        }
        let name = path.file_name().expect("a file name");
        std::fs::write(out.join(name), kept).expect("OUT_DIR/lexicons can be written");
    }
}
