// The importer: streaming readers (Reading/), value parsers (Values/), and the mapping of shop
// exports onto Obhut's entities with row validation (Mapping/, Validation/).
import ObhutCore
