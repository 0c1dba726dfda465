//! Character-level folding: invisible characters, HTML entities, look-alikes and leetspeak.

/// Characters that render as nothing and are used to break words apart invisibly:
/// zero-width space/joiners, word joiner, soft hyphen, BOM, invisible operators,
/// Mongolian vowel separator, variation selectors, bidi controls and the keycap that encloses
/// a digit ("0️⃣7️⃣…" is "07…").
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{20E3}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{E0000}'..='\u{E007F}'
    )
}

/// Decodes an HTML entity at the start of `s` (which begins with `&`): the named entities that
/// tweets and copied web text carry, and numeric ones. Returns the character and the entity's
/// length in bytes.
pub fn html_entity(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    let semi = b.iter().take(10).position(|&x| x == b';')?;
    let body = s.get(1..semi)?;
    let c = match body {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" | "rsquo" => '\'',
        "ldquo" | "rdquo" => '"',
        "pound" => '£',
        _ => {
            let num = body.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse::<u32>().ok()?,
            };
            char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace())?
        }
    };
    Some((c, semi + 1))
}

/// Maps Cyrillic and Greek letters that look like Latin ones (before lower-casing, so that
/// capitals such as Cyrillic `В` fold to `b`, not to `в`), and the Latin letters of "fancy
/// text" generators that have no compatibility decomposition: small capitals (`ꜰᴜᴄᴋ`) and the
/// negative circled and squared capitals (`🅵🆄🅲🅺`). (Full-width, circled, "bold" and
/// other mathematical letters decompose, see `nfkd`.)
pub fn homoglyph(c: char) -> char {
    // Negative circled (U+1F150..) and negative squared (U+1F170..) capitals, A to Z.
    for first in ['\u{1F150}', '\u{1F170}'] {
        let offset = (c as u32).wrapping_sub(first as u32);
        if offset < 26 {
            return char::from(b'a' + offset as u8);
        }
    }
    match c {
        // Cyrillic capitals and small letters.
        'А' | 'а' => 'a',
        'В' | 'в' | 'Ь' | 'ь' => 'b',
        'Е' | 'е' | 'Ё' | 'ё' | 'Є' | 'є' => 'e',
        'К' | 'к' => 'k',
        'М' | 'м' => 'm',
        'Н' | 'н' | 'һ' | 'Һ' => 'h',
        'О' | 'о' => 'o',
        'Р' | 'р' => 'p',
        'С' | 'с' => 'c',
        'Т' | 'т' => 't',
        'У' | 'у' | 'Ү' | 'ү' => 'y',
        'Х' | 'х' => 'x',
        'Ѕ' | 'ѕ' => 's',
        'І' | 'і' | 'Ї' | 'ї' | 'Ӏ' | 'ӏ' => 'i',
        'Ј' | 'ј' => 'j',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' | 'Ԝ' => 'w',
        'п' => 'n',
        // Greek.
        'Α' | 'α' => 'a',
        'Β' | 'β' => 'b',
        'Ε' | 'ε' => 'e',
        'Ζ' => 'z',
        'Η' => 'h',
        'Ι' | 'ι' => 'i',
        'Κ' | 'κ' => 'k',
        'Μ' => 'm',
        'Ν' | 'ν' => 'v',
        'Ο' | 'ο' => 'o',
        'Ρ' | 'ρ' => 'p',
        'Τ' | 'τ' => 't',
        'Υ' | 'υ' => 'u',
        'Χ' | 'χ' => 'x',
        // Latin small capitals.
        'ᴀ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ꜰ' => 'f',
        'ɢ' => 'g',
        'ʜ' => 'h',
        'ɪ' => 'i',
        'ᴊ' => 'j',
        'ᴋ' => 'k',
        'ʟ' => 'l',
        'ᴍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ꞯ' => 'q',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        // Latin letters that do not decompose.
        'ƒ' => 'f',
        'ı' => 'i',
        'ł' | 'Ł' => 'l',
        'ø' | 'Ø' => 'o',
        'đ' | 'Đ' => 'd',
        'ħ' => 'h',
        'ɡ' => 'g',
        _ => c,
    }
}

/// The letter a digit or symbol stands for inside a word ("sh1t", "a$$", "b!tch", "f@g").
pub fn leet(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '!' | '|' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' | '+' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => return None,
    })
}

/// Symbols that can stand for a letter inside a word.
pub fn is_leet_symbol(c: char) -> bool {
    matches!(c, '!' | '|' | '@' | '$' | '+')
}

/// What a C1 control character (U+0080..=U+009F) stands for in the text it came from. Text
/// written in Windows-1252 and read as Latin-1 (copied from old web pages, or mojibake in
/// datasets) carries that code page's punctuation as C1 controls: U+0092 is the apostrophe of
/// "I\u{92}ve", U+0091..=U+0094 quotes, U+0096/U+0097 dashes. Those become what they stand for;
/// the other C1 controls render as nothing and become nothing, like [`is_invisible`] ones
/// ("don'\u{80}\u{99}t" is "don't"), except U+0085, which Unicode makes a line break. `None`
/// for any other character (ASCII's own controls are never typed into an editor, and stay
/// word separators).
pub fn c1_control(c: char) -> Option<Option<char>> {
    if !('\u{80}'..='\u{9F}').contains(&c) || c == '\u{85}' {
        return None;
    }
    Some(match c {
        '\u{91}' => Some('‘'),
        '\u{92}' => Some('’'),
        '\u{93}' => Some('“'),
        '\u{94}' => Some('”'),
        '\u{95}' => Some('•'),
        '\u{96}' => Some('–'),
        '\u{97}' => Some('—'),
        _ => None,
    })
}

/// Symbols used to mask letters ("f*ck", "sh#t").
pub fn is_mask(c: char) -> bool {
    matches!(c, '*' | '#' | '%')
}

/// Apostrophes inside words ("you're", "don’t"): dropped when words are matched.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        assert_eq!(html_entity("&amp; x"), Some(('&', 5)));
        assert_eq!(html_entity("&#8217;s"), Some(('’', 7)));
        assert_eq!(html_entity("&#x1F600;"), Some(('😀', 9)));
        assert_eq!(html_entity("&nosuch;"), None);
        assert_eq!(html_entity("& amp"), None);
        assert_eq!(html_entity("&#0;"), None);
        assert_eq!(html_entity("&#99999999999;"), None);
    }

    #[test]
    fn look_alikes_fold_to_latin() {
        let s: String = "ѕһіт Вітсһ Ρоrn".chars().map(homoglyph).collect();
        assert_eq!(s.to_lowercase(), "shit bitch porn");
        // Small capitals, the hooked f and the negative circled and squared capitals.
        let s: String = "ꜰᴜᴄᴋ ʙɪᴛᴄʜ ƒuck 🅵🆄🅲🅺 🅐🅑🅩 🅰🆉 ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡʏᴢ"
            .chars()
            .map(homoglyph)
            .collect();
        // (Unicode has no small capital X.)
        assert_eq!(s, "fuck bitch fuck fuck abz az abcdefghijklmnopqrstuvwyz");
        // Their neighbours are left as they are.
        for c in ['\u{1F14F}', '\u{1F16A}', '\u{1F16F}', '\u{1F18A}', '🎉'] {
            assert_eq!(homoglyph(c), c);
        }
    }
}
