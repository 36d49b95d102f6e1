public import SluiceModel

/// A scenario or lesson file that cannot be run.
public typealias ScenarioError = FileError
