// name: tasks-on-street
// description: 涉及某条道路或河道的任务和目标。Tasks and goals that name a street.
// parameters: street — 道路名称（如 张杨路）
// example: :param street => '张杨路'
MATCH (s:Street {name: $street})<-[c:CONCERNS]-(x)
WHERE c.valid_to IS NULL AND s.valid_to IS NULL AND x.valid_to IS NULL
RETURN s.subdistrict AS subdistrict, labels(x)[0] AS kind, x.number AS number, x.name AS name,
       c.evidence_file AS file, c.evidence_line AS line
ORDER BY subdistrict, line
