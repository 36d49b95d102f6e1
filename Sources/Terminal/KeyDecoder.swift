import CNcurses
import Dashboard

/// What `wget_wch` hands back, as the dashboard's keys.
enum KeyEvent: Equatable {
    case key(Key)
    case resize
}

enum KeyDecoder {
    /// A function key code (`wget_wch` returned KEY_CODE_YES).
    static func functionKey(_ code: UInt32) -> KeyEvent? {
        switch Int32(code) {
        case KEY_UP: .key(.up)
        case KEY_DOWN: .key(.down)
        case KEY_LEFT: .key(.left)
        case KEY_RIGHT: .key(.right)
        case KEY_PPAGE: .key(.pageUp)
        case KEY_NPAGE: .key(.pageDown)
        case KEY_HOME: .key(.home)
        case KEY_END: .key(.end)
        case KEY_BTAB: .key(.backTab)
        case KEY_BACKSPACE: .key(.backspace)
        case KEY_DC: .key(.delete)
        case KEY_ENTER: .key(.enter)
        case KEY_RESIZE: .resize
        default: nil
        }
    }

    /// A character (`wget_wch` returned OK): control codes become named keys.
    static func character(_ value: UInt32) -> KeyEvent? {
        switch value {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26: return Unicode.Scalar(value + 96).map { .key(.ctrl(Character($0))) }
        case 0..<32, 0x80..<0xA0: return nil
        default: return Unicode.Scalar(value).map { .key(.char(Character($0))) }
        }
    }
}
