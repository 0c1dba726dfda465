//! Fuzz loading a policy pack and user settings: any bytes either give a checker that checks,
//! or an error with a message. Never a panic, never a half-applied pack.
#![no_main]

use libfuzzer_sys::fuzz_target;
use second_thought::{Checker, Context};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Half the time as a whole pack, half the time as settings over the default pack.
    let built = if data.first().is_some_and(|b| b & 1 == 0) {
        Checker::from_json(Some(&text), None)
    } else {
        Checker::from_json(None, Some(&text))
    };
    match built {
        Ok(c) => {
            let _ = c.check("Strictly confidential: call 07700 900123, you idiot", &Context::default());
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
