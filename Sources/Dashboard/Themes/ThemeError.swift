public import SluiceModel

/// A malformed theme file.
public typealias ThemeError = FileError
