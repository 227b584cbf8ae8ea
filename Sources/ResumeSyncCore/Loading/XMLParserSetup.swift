import ResumeSyncXML

/// Start-up for the parsing layer, for the command line to call once on the main thread.
public enum XMLParserSetup {
    public static func prepare() {
        XMLDocumentParser.prepare()
    }
}
