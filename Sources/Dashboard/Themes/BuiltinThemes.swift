/// The built-in themes compiled in, so the program works from any folder.
/// Each text is a copy of `Themes/NAME.toml`; a test fails when they differ.
enum BuiltinThemes {
    static let files: [(name: String, text: String)] = [
        ("default", ##"""
# Sluice default: a calm dark theme.
# Colours are "#rrggbb" strings or 256-colour indexes (0-255); "default" keeps the terminal's own.
description = "dark, calm blues and greens"
background = "#1b1e28"
foreground = "#d8dee9"
muted = "#7a8499"
border = "#3e4556"
border_focused = "#7fb4ff"
title = "#e6e9f0"
accent = "#7fb4ff"
ok = "#8fd18a"
warn = "#f2c46d"
error = "#f0727a"
# Charts run from cool to hot.
gradient = ["#4f7cac", "#5aa3b8", "#66c2a5", "#a6d96a", "#e6d96a", "#fdae61", "#f46d43", "#d53e4f"]

"""##),
        ("contrast", ##"""
# Contrast: high contrast, pure colours on black, for low vision and bright rooms.
description = "high contrast: pure colours on black"
background = "#000000"
foreground = "#ffffff"
muted = "#c0c0c0"
border = "#ffffff"
border_focused = "#ffff00"
title = "#ffffff"
accent = "#00ffff"
ok = "#00ff00"
warn = "#ffff00"
error = "#ff4040"
gradient = ["#00ffff", "#00ff00", "#ffff00", "#ff8000", "#ff0000"]

"""##),
        ("ember", ##"""
# Ember: warm retro browns and oranges.
description = "dark, warm retro"
background = "#282828"
foreground = "#ebdbb2"
muted = "#a89984"
border = "#504945"
border_focused = "#fabd2f"
title = "#fbf1c7"
accent = "#83a598"
ok = "#b8bb26"
warn = "#fabd2f"
error = "#fb4934"
gradient = ["#458588", "#689d6a", "#98971a", "#d79921", "#d65d0e", "#cc241d"]

"""##),
        ("fjord", ##"""
# Fjord: arctic blues.
description = "dark, arctic blues"
background = "#2e3440"
foreground = "#eceff4"
muted = "#8892a6"
border = "#4c566a"
border_focused = "#88c0d0"
title = "#eceff4"
accent = "#88c0d0"
ok = "#a3be8c"
warn = "#ebcb8b"
error = "#bf616a"
gradient = ["#5e81ac", "#81a1c1", "#88c0d0", "#8fbcbb", "#a3be8c", "#ebcb8b", "#d08770", "#bf616a"]

"""##),
        ("harbor", ##"""
# Harbor: deep teal, the solarized palette's dark side.
description = "dark teal, solarized-like"
background = "#002b36"
foreground = "#93a1a1"
muted = "#657b83"
border = "#0d4654"
border_focused = "#268bd2"
title = "#eee8d5"
accent = "#2aa198"
ok = "#859900"
warn = "#b58900"
error = "#dc322f"
gradient = ["#268bd2", "#2aa198", "#859900", "#b58900", "#cb4b16", "#dc322f", "#d33682"]

"""##),
        ("paper", ##"""
# Paper: for light terminals.
description = "light background, ink colours"
background = "#fbf8f1"
foreground = "#2b2b2b"
muted = "#7c7468"
border = "#c9c1b1"
border_focused = "#1f5fa8"
title = "#111111"
accent = "#1f5fa8"
ok = "#2e7d32"
warn = "#a86400"
error = "#c62828"
gradient = ["#1f5fa8", "#1e88a8", "#2e7d32", "#7a8a00", "#a86400", "#c24e00", "#c62828", "#8e0000"]

"""##),
        ("terminal", ##"""
# Terminal: 256-colour indexes on the terminal's own background, for terminals whose palette you like.
description = "256-colour indexes, terminal's own background"
background = "default"
foreground = "default"
muted = 244
border = 240
border_focused = 39
title = 255
accent = 39
ok = 70
warn = 214
error = 196
gradient = [27, 33, 37, 71, 149, 214, 208, 196]

"""##),
    ]
}
