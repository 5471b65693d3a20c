// name: units-without-head
// description: 承担或配合任务、但领导小组中无人分管的单位（不含“各居民区”等集体；只查有领导小组的机关）。Units nobody in the group heads (only where the body has a leading group).
// parameters: subdistrict — 街道名称；null 表示全部街道
// example: :param subdistrict => '金杨新村街道'
MATCH (u:Unit)-[r:RESPONSIBLE_FOR|COOPERATES_ON]->(t:Task)
WHERE ($subdistrict IS NULL OR u.subdistrict = $subdistrict) AND r.valid_to IS NULL AND u.valid_to IS NULL
  AND NOT u.collective AND NOT EXISTS { (:Official)-[h:HEADS]->(u) WHERE h.valid_to IS NULL }
  AND EXISTS { MATCH (o:Official) WHERE o.subdistrict = u.subdistrict AND o.role IS NOT NULL AND o.valid_to IS NULL }
RETURN u.subdistrict AS subdistrict, u.name AS unit, u.aliases AS aliases,
       collect(DISTINCT type(r)) AS roles, count(DISTINCT t) AS tasks,
       u.evidence_file AS file, u.evidence_line AS line
ORDER BY subdistrict, line
