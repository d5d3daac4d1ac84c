package epcis

import (
	"fmt"
	"slices"
	"strings"
)

// appendSensorReports appends one SensorReport per sensorReport of a sensorElementList, each
// starting from its element's sensorMetadata so that what the report does not say itself
// (the device, the time, the processing method and rules) comes from the element.
func appendSensorReports(dst []SensorReport, list *node) ([]SensorReport, error) {
	dst = slices.Grow(dst, sensorReportCount(list)) // a report is large: grow once
	for i, element := range list.children {
		var metadata SensorReport
		for _, c := range element.children {
			if c.name != "sensorMetadata" {
				continue
			}
			if err := metadata.read(c.children); err != nil {
				return nil, fmt.Errorf("sensorElement %d: sensorMetadata: %w", i, err)
			}
		}
		for _, c := range element.children {
			if c.name != "sensorReport" {
				continue
			}
			dst = append(dst, metadata)
			if err := dst[len(dst)-1].read(c.children); err != nil {
				return nil, fmt.Errorf("sensorElement %d: sensorReport: %w", i, err)
			}
		}
	}
	return dst, nil
}

func sensorReportCount(list *node) int {
	count := 0
	for _, element := range list.children {
		for _, c := range element.children {
			if c.name == "sensorReport" {
				count++
			}
		}
	}
	return count
}

// read takes the fields of a sensorReport or sensorMetadata into r, over what r holds.
func (r *SensorReport) read(fields []*node) error {
	for _, n := range fields {
		if err := r.readField(n); err != nil {
			return fmt.Errorf("%s: %w", n.name, err)
		}
	}
	return nil
}

func (r *SensorReport) readField(n *node) (err error) {
	switch n.name {
	case "type":
		r.Type = vocabOf(n.value, gs1Voc)
	case "exception":
		r.Exception = vocabOf(n.value, gs1Voc)
	case "component":
		r.Component = vocabOf(n.value, componentWeb)
	case "deviceID":
		r.DeviceID = sharedIDs.get(n.value)
	case "dataProcessingMethod":
		r.DataProcessingMethod = canonicalValue(n.value)
	case "bizRules":
		r.BizRules = canonicalValue(n.value)
	case "microorganism":
		r.Microorganism = canonicalValue(n.value)
	case "chemicalSubstance":
		r.ChemicalSubstance = canonicalValue(n.value)
	case "uriValue":
		r.URIValue = canonicalValue(n.value)
	case "time":
		r.Time, err = timeOf(n.value)
	case "startTime":
		r.StartTime, err = timeOf(n.value)
	case "endTime":
		r.EndTime, err = timeOf(n.value)
	case "value":
		r.Value, err = numberPointer(n.value)
	case "minValue":
		r.MinValue, err = numberPointer(n.value)
	case "maxValue":
		r.MaxValue, err = numberPointer(n.value)
	case "meanValue":
		r.MeanValue, err = numberPointer(n.value)
	case "sDev":
		r.SDev, err = numberPointer(n.value)
	case "percRank":
		r.PercRank, err = numberPointer(n.value)
	case "percValue":
		r.PercValue, err = numberPointer(n.value)
	case "uom":
		r.UOM = strings.TrimSpace(n.value)
	case "stringValue":
		r.StringValue = strings.TrimSpace(n.value)
	case "hexBinaryValue":
		r.HexBinaryValue = strings.TrimSpace(n.value)
	case "booleanValue":
		r.BooleanValue, err = booleanOf(n.value)
	}
	return err
}

func numberPointer(raw string) (*float64, error) {
	f, err := numberOf(raw)
	if err != nil {
		return nil, err
	}
	return &f, nil
}

// booleanOf reads an xsd:boolean: true, false, 1 or 0.
func booleanOf(raw string) (*bool, error) {
	var b bool
	switch s := strings.TrimSpace(raw); s {
	case "true", "1":
		b = true
	case "false", "0":
	default:
		return nil, fmt.Errorf("%q is not a boolean", s)
	}
	return &b, nil
}
