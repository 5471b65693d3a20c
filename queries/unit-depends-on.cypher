// name: unit-depends-on
// description: 某单位依赖谁：配合它所负责任务的单位、分管它的领导、牵头它的任务的领导。Whom a unit depends on.
// parameters: unit — 单位名称或别名（如 管理办）; subdistrict — 街道名称或 null
// example: :param unit => '管理办'
// example: :param subdistrict => null
MATCH (u:Unit)
WHERE (u.name = $unit OR $unit IN u.aliases) AND ($subdistrict IS NULL OR u.subdistrict = $subdistrict)
  AND u.valid_to IS NULL
CALL (u) {
  MATCH (u)-[a:RESPONSIBLE_FOR]->(t:Task)<-[b:COOPERATES_ON]-(other:Unit) WHERE a.valid_to IS NULL AND b.valid_to IS NULL
  RETURN 'unit' AS kind, other.name AS name, collect(DISTINCT coalesce(toString(t.number), t.name)) AS tasks
  UNION
  MATCH (o:Official)-[h:HEADS]->(u) WHERE h.valid_to IS NULL
  RETURN 'head' AS kind, o.name AS name, [] AS tasks
  UNION
  MATCH (u)-[a:RESPONSIBLE_FOR]->(t:Task)<-[b:LEADS]-(o:Official) WHERE a.valid_to IS NULL AND b.valid_to IS NULL
  RETURN 'lead' AS kind, o.name AS name, collect(DISTINCT coalesce(toString(t.number), t.name)) AS tasks
}
RETURN u.subdistrict AS subdistrict, u.name AS unit, kind, name, tasks
ORDER BY subdistrict, kind, name
