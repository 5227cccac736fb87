//! Target expressions: a statistic written as a small arithmetic expression over named
//! per-run statistics, e.g. `observed.by.CHN / attacks_observed` or
//! `(sanctions_succeeded) / (sanctions_lifted)`. Numbers, names, `+ - * /`, unary minus and
//! parentheses; names may contain letters, digits, `_` and `.`. Parsing reports the byte
//! offset of the first error so the target file can point at the column.

/// A parsed expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A number.
    Num(f64),
    /// A named statistic (index into the name table given at evaluation).
    Name(String),
    /// `-x`.
    Neg(Box<Expr>),
    /// `a op b`.
    Bin(Op, Box<Expr>, Box<Expr>),
}

/// A binary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

/// A parse error: byte offset in the text and what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    /// Byte offset of the problem.
    pub at: usize,
    /// What is wrong.
    pub message: String,
}

struct P<'a> {
    s: &'a [u8],
    i: usize,
}

impl P<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.s.get(self.i).copied()
    }
    fn err<T>(&self, at: usize, m: impl Into<String>) -> Result<T, ExprError> {
        Err(ExprError { at, message: m.into() })
    }
    fn sum(&mut self) -> Result<Expr, ExprError> {
        let mut a = self.product()?;
        while let Some(c @ (b'+' | b'-')) = self.peek() {
            self.i += 1;
            let b = self.product()?;
            a = Expr::Bin(if c == b'+' { Op::Add } else { Op::Sub }, Box::new(a), Box::new(b));
        }
        Ok(a)
    }
    fn product(&mut self) -> Result<Expr, ExprError> {
        let mut a = self.unary()?;
        while let Some(c @ (b'*' | b'/')) = self.peek() {
            self.i += 1;
            let b = self.unary()?;
            a = Expr::Bin(if c == b'*' { Op::Mul } else { Op::Div }, Box::new(a), Box::new(b));
        }
        Ok(a)
    }
    fn unary(&mut self) -> Result<Expr, ExprError> {
        if self.peek() == Some(b'-') {
            self.i += 1;
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        self.atom()
    }
    fn atom(&mut self) -> Result<Expr, ExprError> {
        let start = self.i;
        match self.peek() {
            None => self.err(self.i, "the expression ends too early: expected a number, a name or '('"),
            Some(b'(') => {
                let open = self.i;
                self.i += 1;
                let e = self.sum()?;
                if self.peek() != Some(b')') {
                    return self.err(open, "this '(' is not closed");
                }
                self.i += 1;
                Ok(e)
            }
            Some(c) if c.is_ascii_digit() || c == b'.' => {
                let st = self.i;
                while self.i < self.s.len()
                    && (self.s[self.i].is_ascii_digit()
                        || matches!(self.s[self.i], b'.' | b'e' | b'E')
                        || (matches!(self.s[self.i], b'+' | b'-') && matches!(self.s[self.i - 1], b'e' | b'E')))
                {
                    self.i += 1;
                }
                let t = String::from_utf8_lossy(&self.s[st..self.i]).into_owned();
                match t.parse::<f64>() {
                    Ok(v) if v.is_finite() => Ok(Expr::Num(v)),
                    _ => self.err(st, format!("'{t}' is not a number")),
                }
            }
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                let st = self.i;
                while self.i < self.s.len()
                    && (self.s[self.i].is_ascii_alphanumeric() || matches!(self.s[self.i], b'_' | b'.'))
                {
                    self.i += 1;
                }
                Ok(Expr::Name(String::from_utf8_lossy(&self.s[st..self.i]).trim_end_matches('.').to_string()))
            }
            Some(c) => {
                let _ = start;
                self.err(self.i, format!("unexpected '{}': expected a number, a name or '('", c as char))
            }
        }
    }
}

impl Expr {
    /// Parse `text`.
    pub fn parse(text: &str) -> Result<Expr, ExprError> {
        let mut p = P { s: text.as_bytes(), i: 0 };
        let e = p.sum()?;
        if let Some(c) = p.peek() {
            return p.err(p.i, format!("unexpected '{}' after a complete expression", c as char));
        }
        Ok(e)
    }

    /// Every name used, in order of appearance.
    pub fn names(&self) -> Vec<String> {
        let mut v = Vec::new();
        self.walk(&mut |n| v.push(n.to_string()));
        v
    }

    fn walk(&self, f: &mut impl FnMut(&str)) {
        match self {
            Expr::Num(_) => {}
            Expr::Name(n) => f(n),
            Expr::Neg(a) => a.walk(f),
            Expr::Bin(_, a, b) => {
                a.walk(f);
                b.walk(f);
            }
        }
    }

    /// Value with names looked up by `get` (NaN for an unknown name; a division by zero
    /// gives NaN, which callers skip as "not defined in this run").
    pub fn eval(&self, get: &impl Fn(&str) -> f64) -> f64 {
        match self {
            Expr::Num(v) => *v,
            Expr::Name(n) => get(n),
            Expr::Neg(a) => -a.eval(get),
            Expr::Bin(op, a, b) => {
                let (x, y) = (a.eval(get), b.eval(get));
                match op {
                    Op::Add => x + y,
                    Op::Sub => x - y,
                    Op::Mul => x * y,
                    Op::Div => {
                        if y == 0.0 {
                            f64::NAN
                        } else {
                            x / y
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(s: &str) -> f64 {
        Expr::parse(s).unwrap().eval(&|n| match n {
            "a" => 2.0,
            "b.c.D" => 3.0,
            _ => f64::NAN,
        })
    }

    #[test]
    fn precedence_and_parentheses() {
        assert_eq!(ev("1 + 2 * 3"), 7.0);
        assert_eq!(ev("(1 + 2) * 3"), 9.0);
        assert_eq!(ev("a / b.c.D * 3"), 2.0);
        assert_eq!(ev("-a - -1"), -1.0);
        assert_eq!(ev("1e-1 * 10"), 1.0);
        assert!(ev("a / 0").is_nan());
        assert!(ev("zz").is_nan());
    }

    #[test]
    fn errors_point_at_the_offset() {
        assert_eq!(Expr::parse("a + ").unwrap_err().at, 4);
        assert_eq!(Expr::parse("(a + b").unwrap_err().at, 0);
        assert_eq!(Expr::parse("a $ b").unwrap_err().at, 2);
        assert_eq!(Expr::parse("a b").unwrap_err().at, 2);
        assert_eq!(Expr::parse("").unwrap_err().at, 0);
    }

    #[test]
    fn names_in_order() {
        assert_eq!(Expr::parse("x.y / (z + x.y)").unwrap().names(), vec!["x.y", "z", "x.y"]);
    }
}
