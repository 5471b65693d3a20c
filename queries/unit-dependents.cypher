// name: unit-dependents
// description: 谁依赖某单位：它所配合的任务的责任单位、它参与的任务的牵头领导、分管它的领导。Who depends on a unit.
// parameters: unit — 单位名称或别名; subdistrict — 街道名称或 null
// example: :param unit => '营商环境办'
// example: :param subdistrict => null
MATCH (u:Unit)
WHERE (u.name = $unit OR $unit IN u.aliases) AND ($subdistrict IS NULL OR u.subdistrict = $subdistrict)
  AND u.valid_to IS NULL
CALL (u) {
  MATCH (u)-[a:COOPERATES_ON]->(t:Task)<-[b:RESPONSIBLE_FOR]-(other:Unit) WHERE a.valid_to IS NULL AND b.valid_to IS NULL
  RETURN 'unit' AS kind, other.name AS name, collect(DISTINCT coalesce(toString(t.number), t.name)) AS tasks
  UNION
  MATCH (u)-[a:COOPERATES_ON|RESPONSIBLE_FOR]->(t:Task)<-[b:LEADS]-(o:Official) WHERE a.valid_to IS NULL AND b.valid_to IS NULL
  RETURN 'lead' AS kind, o.name AS name, collect(DISTINCT coalesce(toString(t.number), t.name)) AS tasks
  UNION
  MATCH (o:Official)-[h:HEADS]->(u) WHERE h.valid_to IS NULL
  RETURN 'head' AS kind, o.name AS name, [] AS tasks
}
RETURN u.subdistrict AS subdistrict, u.name AS unit, kind, name, tasks
ORDER BY subdistrict, kind, name
