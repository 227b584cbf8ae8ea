import Foundation

extension Array where Element: Sendable {
    /// `map`, spread over all cores; results come back in the order of the elements.
    /// `completed` is told how many elements are done, one call at a time, as each one finishes.
    func parallelMap<Result: Sendable>(
        completed: ((Int) -> Void)? = nil,
        _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        let slots = ResultSlots<Result>(count: count)
        let items = self
        withoutActuallyEscaping(completed ?? { _ in }) { completed in
            let report = UncheckedBox(completed)
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                slots.store(transform(items[index]), at: index, then: report.value)
            }
        }
        return slots.results
    }
}

/// A value handed to worker threads whose uses are serialised by the caller (here: under the
/// slots' lock), which the compiler cannot see.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}

/// One slot a result, filled from worker threads under a lock.
private final class ResultSlots<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result?]
    private var filled = 0

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    /// Stores a result, then tells `filledNow` how many slots are filled, still under the lock
    /// so that its calls never overlap.
    func store(_ result: Result, at index: Int, then filledNow: (Int) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = result
        filled += 1
        filledNow(filled)
    }

    /// Every result; called once every slot is filled.
    var results: [Result] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

/// Work started on another thread now, whose value is waited for when it is asked for.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    /// The value, once the work is done (the semaphore orders the write before the read).
    var value: Value {
        done.wait()
        done.signal()
        // The work always stores a value before it signals.
        return result!
    }

    /// The value if the work is done, without waiting for it; `nil` while it runs (and, for
    /// the instant another thread holds the signal, after: a caller takes `nil` as "not yet").
    var valueIfDone: Value? {
        guard done.wait(timeout: .now()) == .success else { return nil }
        done.signal()
        return result
    }
}
