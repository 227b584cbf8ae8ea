extension Workspace {
    /// What `diff` shows, found one file pair at a time as `check()` finds its result: each
    /// pair's blocks are made while its documents are alive, and only the blocks are kept. It
    /// shows exactly what `DiffContent(reconcile(), includeInSync:)` shows.
    ///
    /// - Parameter progress: told, one call at a time, how many file pairs are done.
    public func diff(
        includeInSync: Bool, progress: ((RunProgress) -> Void)? = nil
    ) throws(InvocationError) -> (content: DiffContent, result: CheckResult) {
        let report = DiffReport(includeInSync: includeInSync)
        let (result, parts) = try checkFilePairs(progress: progress) { shown, silences -> (blocks: [DiffReport.Block], covered: Set<EntryKey>) in
            guard let filePair = shown.filePair else { return ([], []) }
            // The pair's findings as the whole run keeps them: silenced ones left out, in
            // document order.
            var findings = silences.map { SilencingOutcome.applying($0, to: shown.findings).kept } ?? shown.findings
            findings.sort(by: Finding.documentOrder)
            var covered: Set<EntryKey> = []
            let blocks = report.blocks(
                of: filePair, entryPairs: shown.entryPairs, byKey: DiffReport.findingsByKey(findings), covered: &covered)
            return (blocks, covered)
        }
        var covered: Set<EntryKey> = []
        var blocks: [DiffReport.Block] = []
        for part in parts {
            blocks += part.blocks
            covered.formUnion(part.covered)
        }
        blocks += DiffReport.remainingBlocks(result.findings, covered: &covered)
        return (DiffContent(source: source, target: target, blocks: blocks, findings: result.findings), result)
    }
}
