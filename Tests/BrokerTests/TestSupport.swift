import Broker
import SluiceModel

/// A broker on a manual clock, the way every test starts.
func makeBroker(seed: UInt64 = 1) -> (Broker, ManualClock) {
    let clock = ManualClock()
    return (Broker(clock: clock, randomSeed: seed), clock)
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

let second = NanosPerUnit.second
let millisecond = NanosPerUnit.millisecond
