package epcis

import (
	"embed"
	"fmt"
	"strconv"
	"strings"

	"github.com/shejian/shejian/internal/i18n"
)

//go:embed locale
var localeFiles embed.FS

func init() { i18n.MustRegister(localeFiles, "locale") }

// Problem is one broken rule in a document (问题): which event, which field, which rule.
// Capture rejects a document with any problem and reports them all, so that the sender can
// correct every event at once.
type Problem struct {
	// Event is the index of the event in the document's event list, or -1 for the document.
	Event int `json:"event"`
	// EventID is the event's eventID, when it has one, to find the event at the sender's.
	EventID string `json:"eventID,omitempty"`
	// Pointer locates the field in the document (RFC 6901): /epcisBody/eventList/3/bizStep.
	Pointer string `json:"pointer"`
	// Rule names the broken rule; "rule."+Rule is the translation key of its message.
	Rule string `json:"rule"`
	// Params fill the message's placeholders; "field" is always the field's name.
	Params map[string]any `json:"params,omitempty"`
	// Message is the message in English, for logs and for clients that show it as it is.
	Message string `json:"message"`
}

// The rules a document can break. The first group are the schema's, the second the rules of
// the standard that compare fields (validate_semantic.go, validate_duplicates.go).
const (
	RuleJSONSyntax       = "epcis_json_syntax"
	RuleRequired         = "epcis_required"
	RuleType             = "epcis_type"
	RuleUnknownField     = "epcis_unknown_field"
	RuleFieldNotAllowed  = "epcis_field_not_allowed"
	RuleURI              = "epcis_uri"
	RuleDateTime         = "epcis_date_time"
	RuleTimeZoneOffset   = "epcis_time_zone_offset"
	RuleVocabulary       = "epcis_vocabulary"
	RuleVocabularyURI    = "epcis_vocabulary_uri"
	RuleEnum             = "epcis_enum"
	RuleUOM              = "epcis_uom"
	RuleSchemaVersion    = "epcis_schema_version"
	RuleHexBinary        = "epcis_hex_binary"
	RuleMinItems         = "epcis_min_items"
	RuleUniqueItems      = "epcis_unique_items"
	RuleNotEmpty         = "epcis_not_empty"
	RuleSchema           = "epcis_schema"
	RuleParentRequired   = "epcis_parent_required"
	RuleChildrenRequired = "epcis_children_required"
	RuleWhatRequired     = "epcis_what_required"
	RuleInputOutput      = "epcis_input_output"
	RuleILMDNeedsAdd     = "epcis_ilmd_needs_add"
	RuleEventInFuture    = "epcis_event_in_future"
	RuleSensorAfterEvent = "epcis_sensor_after_event"
	RuleSensorInterval   = "epcis_sensor_interval"
	RuleDeclarationEarly = "epcis_declaration_before_event"
	RuleDuplicateEventID = "epcis_duplicate_event_id"
)

// newProblem names a broken rule at pointer, adding the field's name to params and writing
// the English message.
func newProblem(event int, pointer, rule string, params map[string]any) Problem {
	if params == nil {
		params = map[string]any{}
	}
	params["field"] = pointerField(pointer)
	return Problem{
		Event: event, Pointer: pointer, Rule: rule, Params: params,
		Message: i18n.T(i18n.English, "rule."+rule, params),
	}
}

// pointerField names the field a JSON pointer ends at: its last token, unescaped, with the
// list before it when it is an index ("set/0").
func pointerField(pointer string) string {
	tokens := strings.Split(pointer, "/")
	name := tokens[len(tokens)-1]
	if _, err := strconv.Atoi(name); err == nil && len(tokens) > 2 {
		name = tokens[len(tokens)-2] + "/" + name
	}
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(name)
}

// pointerToken escapes a field name or index for a JSON pointer (RFC 6901 §3).
func pointerToken(name string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(name)
}

// InvalidError is the error Validate returns for a document that breaks at least one rule.
type InvalidError struct {
	Problems []Problem
}

func (e *InvalidError) Error() string {
	first := e.Problems[0]
	return fmt.Sprintf("invalid EPCIS document: %d problem(s), first at %q: %s", len(e.Problems), first.Pointer, first.Message)
}
