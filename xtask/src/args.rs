//! Command-line options of the form `--name value`, `--name=value` and `--flag` (no dependency for
//! the few options the commands take).

pub struct Args {
    values: Vec<(&'static str, String)>,
    flags: Vec<&'static str>,
}

impl Args {
    /// Fails on an unknown option, a repeated one, a positional argument or a value left out.
    pub fn parse(
        args: &[String],
        value_names: &[&'static str],
        flag_names: &[&'static str],
    ) -> Result<Args, String> {
        let mut parsed = Args {
            values: Vec::new(),
            flags: Vec::new(),
        };
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
                _ => (arg.as_str(), None),
            };
            if let Some(&flag) = flag_names.iter().find(|f| **f == name) {
                if inline.is_some() || parsed.flags.contains(&flag) {
                    return Err(format!("`{flag}` takes no value and is given once"));
                }
                parsed.flags.push(flag);
            } else if let Some(&option) = value_names.iter().find(|v| **v == name) {
                if parsed.value(option).is_some() {
                    return Err(format!("`{option}` is given twice"));
                }
                let value = inline
                    .or_else(|| rest.next().cloned())
                    .ok_or_else(|| format!("`{option}` needs a value"))?;
                parsed.values.push((option, value));
            } else {
                return Err(format!("unexpected argument `{arg}`"));
            }
        }
        Ok(parsed)
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn flag(&self, name: &str) -> bool {
        self.flags.contains(&name)
    }
}

/// `a, b,c` -> `["a", "b", "c"]`.
pub fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{list, Args};

    fn parse(args: &[&str]) -> Result<Args, String> {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        Args::parse(&args, &["--out", "--types"], &["--all"])
    }

    #[test]
    fn values_flags_and_mistakes() {
        let a = parse(&["--out", "x.rs", "--types=a,b", "--all"]).unwrap();
        assert_eq!(
            (a.value("--out"), a.value("--types")),
            (Some("x.rs"), Some("a,b"))
        );
        assert!(a.flag("--all") && !a.flag("--check"));
        assert_eq!(parse(&["--out"]).err().unwrap(), "`--out` needs a value");
        assert_eq!(
            parse(&["--out", "a", "--out=b"]).err().unwrap(),
            "`--out` is given twice"
        );
        assert!(parse(&["--all=yes"]).is_err() && parse(&["--all", "--all"]).is_err());
        assert_eq!(parse(&["x"]).err().unwrap(), "unexpected argument `x`");
        assert_eq!(list(" a, b,,c ,"), ["a", "b", "c"]);
    }
}
