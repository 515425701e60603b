package groupwork_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"strings"

	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/relationship"
)

// sociogramClub is a small club whose members help one another, and their
// worker: Rosa and Hannah help each other, Rosa helps Maria, Maria helps
// the worker in her turn, and then Maria moves away.
func sociogramClub() *groupwork.Group {
	g := club()
	for _, m := range []struct {
		id   relationship.PartyID
		name string
	}{{rosa, "Rosa Bianchi"}, {hannah, "Hannah Levin"}, {maria, "Maria Kowalska"}} {
		if err := g.Join(m.id, m.name, groupwork.Profile{}); err != nil {
			panic(err)
		}
	}
	english, _ := relationship.NewSupport(relationship.Informational, "an English lesson")
	listened, _ := relationship.NewSupport(relationship.Emotional, "listened")
	coal, _ := relationship.NewMaterial("coal", 1, "hundredweight")
	for _, a := range []struct {
		from, to relationship.PartyID
		support  relationship.Support
	}{
		{rosa, hannah, english}, {rosa, hannah, listened}, {hannah, rosa, coal},
		{rosa, maria, english}, {maria, jane.ID(), listened},
	} {
		if _, err := g.GiveAid(a.from, groupwork.Aid{To: a.to, Support: a.support, Process: groupwork.MutualSupport}); err != nil {
			panic(err)
		}
	}
	if err := g.Leave(maria, groupwork.LeftMoved, ""); err != nil {
		panic(err)
	}
	return g
}

// The sociogram for Graphviz: one node per person, the facilitator first
// as a box, the member who left dashed, and one edge per giver and
// receiver, weighted by the exchanges, with their kinds in the tooltip.
func ExampleGroup_WriteSociogramDOT() {
	g := sociogramClub()
	if err := g.WriteSociogramDOT(os.Stdout, nil); err != nil {
		fmt.Println(err)
	}
	// Output:
	// digraph "sociogram" {
	// 	graph [label="Halsted Street Girls' Club: who helps whom", labelloc="t", fontname="sans-serif", fontsize=16, charset="UTF-8"];
	// 	node [shape="ellipse", style="filled", fillcolor="#56B4E9", color="#1A1A1A", fontname="sans-serif", fontsize=12];
	// 	edge [arrowsize=0.8];
	// 	"0192f5e0-7c1a-7000-8000-000000000001" [label="Jane Addams", tooltip="Jane Addams (facilitator): gave 0, received 1", shape="box", penwidth=3, style="rounded,filled", fillcolor="#E69F00"];
	// 	"0192f5e0-7c1a-7000-8000-000000000011" [label="Rosa Bianchi", tooltip="Rosa Bianchi (member): gave 3, received 1"];
	// 	"0192f5e0-7c1a-7000-8000-000000000012" [label="Hannah Levin", tooltip="Hannah Levin (member): gave 1, received 2"];
	// 	"0192f5e0-7c1a-7000-8000-000000000013" [label="Maria Kowalska", tooltip="Maria Kowalska (former member): gave 1, received 1", color="#595959", fontcolor="#595959", style="filled,dashed", fillcolor="#E6E6E6"];
	// 	"0192f5e0-7c1a-7000-8000-000000000011" -> "0192f5e0-7c1a-7000-8000-000000000012" [penwidth=3, color="#0072B2", style="solid", weight=2, tooltip="Rosa Bianchi → Hannah Levin: 2 exchanges (emotional 1, informational 1); mutual"];
	// 	"0192f5e0-7c1a-7000-8000-000000000011" -> "0192f5e0-7c1a-7000-8000-000000000013" [penwidth=1.5, color="#D55E00", style="dashed", weight=1, tooltip="Rosa Bianchi → Maria Kowalska: 1 exchange (informational 1)"];
	// 	"0192f5e0-7c1a-7000-8000-000000000012" -> "0192f5e0-7c1a-7000-8000-000000000011" [penwidth=1.5, color="#0072B2", style="solid", weight=1, tooltip="Hannah Levin → Rosa Bianchi: 1 exchange (material 1); mutual"];
	// 	"0192f5e0-7c1a-7000-8000-000000000013" -> "0192f5e0-7c1a-7000-8000-000000000001" [penwidth=1.5, color="#D55E00", style="dashed", weight=1, tooltip="Maria Kowalska → Jane Addams: 1 exchange (emotional 1)"];
	// }
}

// Drawing the sociogram as SVG, with a title of one's own. The picture
// names everyone who took part and describes itself for screen readers;
// each tie carries its exchanges in a tooltip.
func ExampleGroup_WriteSociogramSVG() {
	g := sociogramClub()
	var b bytes.Buffer
	err := g.WriteSociogramSVG(&b, &groupwork.SociogramOptions{Title: "The Halsted Street club in October"})
	if err != nil {
		fmt.Println(err)
		return
	}
	var doc struct {
		Title  string `xml:"title"`
		Desc   string `xml:"desc"`
		Groups []struct {
			Class string `xml:"class,attr"`
			Title string `xml:"title"`
		} `xml:"g>g"`
		Ties []string `xml:"g>path>title"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Title)
	fmt.Println(doc.Desc)
	for _, n := range doc.Groups {
		if strings.HasPrefix(n.Class, "node ") {
			fmt.Println(n.Title)
		}
	}
	for _, t := range doc.Ties {
		fmt.Println(t)
	}
	// Output:
	// The Halsted Street club in October
	// 4 people: 3 members, 1 facilitator (1 no longer in the group); 4 ties, 2 of them in mutual pairs; 5 exchanges in all.
	// Jane Addams (facilitator): gave 0, received 1
	// Rosa Bianchi (member): gave 3, received 1
	// Hannah Levin (member): gave 1, received 2
	// Maria Kowalska (former member): gave 1, received 1
	// Rosa Bianchi → Hannah Levin: 2 exchanges (emotional 1, informational 1); mutual
	// Rosa Bianchi → Maria Kowalska: 1 exchange (informational 1)
	// Hannah Levin → Rosa Bianchi: 1 exchange (material 1); mutual
	// Maria Kowalska → Jane Addams: 1 exchange (emotional 1)
}
