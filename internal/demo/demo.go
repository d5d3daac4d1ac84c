// Package demo generates a demo city: a realistic, deterministic 江临市 with its org tree
// (city → districts and counties → township stations → grids), staff and coordinators, and
// food businesses of every category with valid USCCs and licences. The same seed always
// gives byte-identical data, at any size from a few thousand businesses to a million.
package demo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shejian/shejian/internal/registry"
	"github.com/shejian/shejian/internal/store"
)

// Size is how big a city to generate.
type Size string

// The sizes.
const (
	SizeSmall    Size = "small"    // 5,000 businesses: 8 districts of about 10 stations
	SizeCity     Size = "city"     // 100,000 businesses: 10 districts of about 22 stations
	SizeProvince Size = "province" // 1,000,000 businesses: 12 districts of about 80 stations
)

// Sizes lists the sizes, smallest first.
var Sizes = []Size{SizeSmall, SizeCity, SizeProvince}

// shape is what a size means in numbers.
type shape struct {
	districts, urban int    // districts and counties; the first urban ones are 区
	stations, grids  [2]int // per district, per station: inclusive ranges
	businesses       int
}

var shapes = map[Size]shape{
	SizeSmall:    {districts: 8, urban: 4, stations: [2]int{9, 11}, grids: [2]int{4, 6}, businesses: 5_000},
	SizeCity:     {districts: 10, urban: 4, stations: [2]int{18, 26}, grids: [2]int{8, 12}, businesses: 100_000},
	SizeProvince: {districts: 12, urban: 5, stations: [2]int{70, 90}, grids: [2]int{16, 24}, businesses: 1_000_000},
}

// ParseSize reads a size name ("small", "city" or "province").
func ParseSize(s string) (Size, error) {
	size := Size(strings.ToLower(strings.TrimSpace(s)))
	if _, err := size.shape(); err != nil {
		return "", err
	}
	return size, nil
}

func (s Size) shape() (shape, error) {
	sh, ok := shapes[s]
	if !ok {
		return shape{}, fmt.Errorf("unknown demo size %q: use small, city or province", string(s))
	}
	return sh, nil
}

// Options choose the city: its size and the seed that decides everything else.
type Options struct {
	Size Size // empty means SizeSmall
	Seed int64
}

// City summarises a generated city: how many rows went into each table and the ids the
// demo login accounts are made for.
type City struct {
	Name string // 江临市
	Size Size
	Seed int64

	OrgUnits, Districts, Stations, Grids int64                           // org_units, and by kind
	People, Coordinators                 int64                           // people, and of them 协管员
	Businesses, BusinessGrams            int64                           // businesses and their search rows
	ByCategory                           map[registry.CategoryCode]int64 // businesses by category

	Demo DemoIDs
	Took time.Duration // wall time of Generate
}

// DemoIDs are the rows the demo accounts stand for: all in the demo district (the central
// urban district) and its first station.
type DemoIDs struct {
	CityID, DistrictID, StationID, GridID int64
	BusinessID                            int64 // an open restaurant with a valid licence
	StationHeadID                         int64 // 站长, administrative
	InspectorID                           int64 // enforcement officer with a certificate
	CoordinatorID                         int64 // 协管员 of GridID
	LabTechnicianID                       int64 // 检验员 of the district's testing centre
}

// ErrNotEmpty is returned when the database already holds an org tree or businesses.
var ErrNotEmpty = errors.New("database already has data: the demo city needs an empty registry")

// Generate fills an empty database with the city that opt describes, in one transaction,
// and refuses (ErrNotEmpty) a database that already has org units or businesses. progress,
// when not nil, is called as businesses are written (done of total); after the last call
// the indexes of the business tables are rebuilt and the planner statistics refreshed, which
// at province size takes a while.
func Generate(ctx context.Context, st *store.Store, opt Options, progress func(done, total int64)) (*City, error) {
	start := time.Now()
	if opt.Size == "" {
		opt.Size = SizeSmall
	}
	g, err := newGenerator(opt, st.Dialect())
	if err != nil {
		return nil, err
	}
	if progress == nil {
		progress = func(int64, int64) {}
	}
	if st.Dialect() == store.Postgres {
		err = loadPostgres(ctx, st, g, progress)
	} else {
		err = loadSQLite(ctx, st, g, progress)
	}
	if err != nil {
		return nil, fmt.Errorf("generate demo city: %w", err)
	}
	if err := st.Analyze(ctx); err != nil {
		return nil, err
	}
	g.city.Took = time.Since(start)
	return g.city, nil
}
