/// The version of Obhut, printed by `obhut --version` and recorded with every run.
public enum ObhutVersion {
    public static let string = "0.1.0"
}
