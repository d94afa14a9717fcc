//! A small RFC 4180 reader over bytes: quoted fields, `""` escapes, fields spanning lines, CRLF / LF / CR
//! line ends, a leading UTF-8 byte-order mark and blank lines. It works on bytes because every
//! structural character is ASCII; each field is checked as UTF-8 separately so a bad byte is reported
//! with its line instead of failing the whole file.

/// One record and the 1-based line it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub line: usize,
    /// Raw field bytes with quotes removed and `""` unescaped.
    pub fields: Vec<Vec<u8>>,
    /// Why the record is malformed (e.g. an unterminated quote); its fields are then partial.
    pub problem: Option<&'static str>,
}

/// Iterates the records of a CSV text; blank lines are skipped but counted.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        let pos = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
        Reader { bytes, pos, line: 1 }
    }

    /// Consumes a line end at `pos` (CRLF, LF or a lone CR); true if there was one.
    fn line_end(&mut self) -> bool {
        match self.bytes.get(self.pos) {
            Some(b'\r') => {
                self.pos += if self.bytes.get(self.pos + 1) == Some(&b'\n') { 2 } else { 1 };
                self.line += 1;
                true
            }
            Some(b'\n') => {
                self.pos += 1;
                self.line += 1;
                true
            }
            _ => false,
        }
    }

    /// Reads one quoted field starting after its opening quote; returns its content.
    fn quoted(&mut self, problem: &mut Option<&'static str>) -> Vec<u8> {
        let mut out = Vec::new();
        loop {
            match self.bytes.get(self.pos) {
                None => {
                    *problem = Some("unterminated quoted field");
                    return out;
                }
                Some(b'"') if self.bytes.get(self.pos + 1) == Some(&b'"') => {
                    out.push(b'"');
                    self.pos += 2;
                }
                Some(b'"') => {
                    self.pos += 1;
                    return out;
                }
                Some(b'\r' | b'\n') => {
                    let start = self.pos;
                    self.line_end();
                    out.extend_from_slice(&self.bytes[start..self.pos]);
                }
                Some(&b) => {
                    out.push(b);
                    self.pos += 1;
                }
            }
        }
    }
}

impl<'a> Iterator for Reader<'a> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        // Skip blank lines (a record with one empty, unquoted field is not data).
        while self.pos < self.bytes.len() && self.line_end() {}
        if self.pos >= self.bytes.len() {
            return None;
        }
        let line = self.line;
        let mut fields = Vec::new();
        let mut problem = None;
        loop {
            let mut field = Vec::new();
            if self.bytes.get(self.pos) == Some(&b'"') {
                self.pos += 1;
                field = self.quoted(&mut problem);
                // After the closing quote only a separator or a line end may follow.
                while let Some(&b) = self.bytes.get(self.pos) {
                    if matches!(b, b',' | b'\r' | b'\n') {
                        break;
                    }
                    problem.get_or_insert("text after a closing quote");
                    field.push(b);
                    self.pos += 1;
                }
            } else {
                while let Some(&b) = self.bytes.get(self.pos) {
                    if matches!(b, b',' | b'\r' | b'\n') {
                        break;
                    }
                    field.push(b);
                    self.pos += 1;
                }
            }
            fields.push(field);
            if self.bytes.get(self.pos) == Some(&b',') {
                self.pos += 1;
                continue;
            }
            self.line_end();
            break;
        }
        Some(Record { line, fields, problem })
    }
}

/// Writes one field, quoted when it holds a separator, a quote, a line break or edge spaces.
pub fn escape(field: &str, out: &mut String) {
    let needs = field.contains([',', '"', '\r', '\n']) || field.starts_with(' ') || field.ends_with(' ');
    if needs {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[(usize, &[&str])]) {
        let got: Vec<(usize, Vec<String>)> = Reader::new(input.as_bytes())
            .map(|r| (r.line, r.fields.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect()))
            .collect();
        let want: Vec<(usize, Vec<String>)> =
            expected.iter().map(|(l, f)| (*l, f.iter().map(|s| s.to_string()).collect())).collect();
        assert_eq!(got, want, "{input:?}");
    }

    #[test]
    fn reads_rfc4180() {
        check("a,b\n1,2\n", &[(1, &["a", "b"]), (2, &["1", "2"])]);
        check("a,b\r\n1,2", &[(1, &["a", "b"]), (2, &["1", "2"])]);
        check("\u{feff}a\n\n\n1\n", &[(1, &["a"]), (4, &["1"])]);
        check("\"x,y\",\"he said \"\"hi\"\"\"\n", &[(1, &["x,y", "he said \"hi\""])]);
        check("\"two\nlines\",z\nnext\n", &[(1, &["two\nlines", "z"]), (3, &["next"])]);
        check("a,,\n", &[(1, &["a", "", ""])]);
        check("a\rb\r", &[(1, &["a"]), (2, &["b"])]);
    }

    #[test]
    fn reports_malformed_quotes() {
        let r: Vec<_> = Reader::new(b"\"open\n").collect();
        assert_eq!(r[0].problem, Some("unterminated quoted field"));
        let r: Vec<_> = Reader::new(b"\"a\"b,c\n").collect();
        assert_eq!(r[0].problem, Some("text after a closing quote"));
    }

    #[test]
    fn escapes_round_trip() {
        for name in ["plain", "a,b", "say \"hi\"", "<img src=x onerror=alert(1)>", " pad ", "two\nlines"] {
            let mut out = String::new();
            escape(name, &mut out);
            let back: Vec<_> = Reader::new(out.as_bytes()).collect();
            assert_eq!(back[0].fields, vec![name.as_bytes().to_vec()], "{name}");
        }
    }
}
