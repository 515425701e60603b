package relationship

import "github.com/helpingwork/helping/internal/enum"

func init() {
	enum.MakeError = func(typ, text string, unknown bool) error {
		if unknown {
			return &TextError{Type: typ, Text: text, Err: ErrUnknownText}
		}
		return &TextError{Type: typ, Text: text, Err: ErrInvalidValue}
	}
}
