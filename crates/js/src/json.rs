//! A small serde serializer that writes JSON text, which `JSON.parse`
//! turns into plain objects: smaller in the `.wasm` than building the
//! objects property by property through the JavaScript boundary.
//!
//! It writes what the result types need: structs and maps as objects,
//! sequences and tuples as arrays, `None` and unit as `null`, unit enum
//! variants as their name, other variants as `{ "Variant": value }`,
//! non-finite numbers as `null`.

use std::fmt::{self, Display, Write as _};

use iamplay_core::request::format_number;
use serde::ser::{self, Serialize};

/// Why a value could not be written (only a map key that is not a string,
/// which the result types never have).
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

/// `value` as JSON text.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut writer = Writer { out: String::new() };
    value.serialize(&mut writer)?;
    Ok(writer.out)
}

/// The text written so far.
struct Writer {
    out: String,
}

impl Writer {
    /// `s` as a JSON string: runs of characters that need no escape are
    /// copied whole (a character at a time made this most of the cost of
    /// an answer).
    fn string(&mut self, s: &str) {
        self.out.reserve(s.len() + 2);
        self.out.push('"');
        let mut plain = 0;
        for (i, byte) in s.bytes().enumerate() {
            let escape = match byte {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..0x20 => "",
                _ => continue,
            };
            // Escaped bytes are ASCII, so `plain..i` ends on a character
            // boundary.
            self.out.push_str(&s[plain..i]);
            if escape.is_empty() {
                let _ = write!(self.out, "\\u{:04x}", byte);
            } else {
                self.out.push_str(escape);
            }
            plain = i + 1;
        }
        self.out.push_str(&s[plain..]);
        self.out.push('"');
    }

    /// `v` in decimal, without the formatting machinery (every line and
    /// column of an answer is one).
    fn unsigned(&mut self, mut v: u64) {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        loop {
            start -= 1;
            // `v % 10` is a digit.
            digits[start] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        self.out
            .push_str(std::str::from_utf8(&digits[start..]).unwrap_or("0"));
    }

    /// Opens an object or array with `open`, to be closed with `close`.
    fn open(&mut self, open: char, close: &'static str) -> Compound<'_> {
        self.out.push(open);
        Compound {
            writer: self,
            first: true,
            close,
        }
    }

    /// Opens `{ "variant": ` for a variant with data.
    fn open_variant(&mut self, variant: &str) {
        self.out.push('{');
        self.string(variant);
        self.out.push(':');
    }
}

/// An object or array being written.
struct Compound<'w> {
    writer: &'w mut Writer,
    first: bool,
    /// What closes it: `]`, `}`, or `]}` / `}}` for a variant's data.
    close: &'static str,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.writer.out.push(',');
        }
        self.first = false;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.writer)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.comma();
        self.writer.string(key);
        self.writer.out.push(':');
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Error> {
        self.writer.out.push_str(self.close);
        Ok(())
    }
}

impl<'w> ser::Serializer for &'w mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w>;
    type SerializeTuple = Compound<'w>;
    type SerializeTupleStruct = Compound<'w>;
    type SerializeTupleVariant = Compound<'w>;
    type SerializeMap = Compound<'w>;
    type SerializeStruct = Compound<'w>;
    type SerializeStructVariant = Compound<'w>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        if v < 0 {
            self.out.push('-');
        }
        self.unsigned(v.unsigned_abs());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.unsigned(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        if v.is_finite() {
            // Not `Display`, whose float formatting weighs ~15 KB here.
            self.out.push_str(&format_number(v));
        } else {
            self.out.push_str("null");
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        ser::Serializer::collect_seq(self, v)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'w>, Error> {
        Ok(self.open('[', "]"))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'w>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'w>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w>, Error> {
        self.open_variant(variant);
        Ok(self.open('[', "]}"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'w>, Error> {
        Ok(self.open('{', "}"))
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'w>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w>, Error> {
        self.open_variant(variant);
        Ok(self.open('{', "}}"))
    }
}

/// The array-like serde traits, each writing its items as array elements
/// through the named method (`serialize_element` or `serialize_field`).
macro_rules! array_like {
    ($($trait:ident::$method:ident),* $(,)?) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    )*};
}

array_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        let mut text = Writer { out: String::new() };
        key.serialize(&mut text)?;
        if !text.out.starts_with('"') {
            return Err(Error("a map key must be a string".to_owned()));
        }
        self.writer.out.push_str(&text.out);
        self.writer.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// The object-like serde traits with `&'static str` keys.
macro_rules! struct_like {
    ($($trait:ident),* $(,)?) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    )*};
}

struct_like!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::to_json;

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        UnitVariant,
        Newtype(u8),
        Tuple(u8, bool),
        Struct { a: i32 },
    }

    #[derive(Serialize)]
    struct Sample {
        text: &'static str,
        count: u32,
        negative: i64,
        ratio: f64,
        nothing: Option<u8>,
        something: Option<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        list: Vec<Kind>,
        empty: Vec<u8>,
        pair: (char, ()),
    }

    #[test]
    fn writes_structs_options_sequences_and_enums() {
        let sample = Sample {
            text: "plain",
            count: 42,
            negative: -7,
            ratio: 0.5,
            nothing: None,
            something: Some(3),
            skipped: None,
            list: vec![
                Kind::UnitVariant,
                Kind::Newtype(1),
                Kind::Tuple(2, true),
                Kind::Struct { a: -1 },
            ],
            empty: vec![],
            pair: ('x', ()),
        };
        assert_eq!(
            to_json(&sample).unwrap(),
            concat!(
                r#"{"text":"plain","count":42,"negative":-7,"ratio":0.5,"nothing":null,"#,
                r#""something":3,"list":["unit_variant",{"newtype":1},{"tuple":[2,true]},"#,
                r#"{"struct":{"a":-1}}],"empty":[],"pair":["x",null]}"#
            )
        );
    }

    #[test]
    fn escapes_what_json_requires_and_keeps_the_rest() {
        assert_eq!(
            to_json("quote \" backslash \\ newline \n tab \t bell \u{7} ünïcödé 😀 `ok`").unwrap(),
            r#""quote \" backslash \\ newline \n tab \t bell \u0007 ünïcödé 😀 `ok`""#
        );
    }

    #[test]
    fn writes_numbers_that_json_cannot_hold_as_null() {
        assert_eq!(
            to_json(&[f64::NAN, f64::INFINITY, 1.0, -0.25, 1e21]).unwrap(),
            "[null,null,1,-0.25,1000000000000000000000]"
        );
    }

    #[test]
    fn writes_whole_numbers_at_their_limits() {
        assert_eq!(
            to_json(&(0u8, 9u32, 10u64, u64::MAX, i64::MIN, -1i32, i64::MAX)).unwrap(),
            "[0,9,10,18446744073709551615,-9223372036854775808,-1,9223372036854775807]"
        );
    }

    #[test]
    fn writes_maps_with_string_keys_only() {
        let mut map = std::collections::BTreeMap::new();
        map.insert("b", 2);
        map.insert("a", 1);
        assert_eq!(to_json(&map).unwrap(), r#"{"a":1,"b":2}"#);
        let mut numbered = std::collections::BTreeMap::new();
        numbered.insert(1, 2);
        assert!(to_json(&numbered).is_err());
    }
}
