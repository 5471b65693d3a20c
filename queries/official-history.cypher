// name: official-history
// description: 一位领导的经历：在领导小组中的职务、牵头的任务、负责的单位、问责的任务，各从哪天起（valid_from）到哪天止（valid_to，空为现行），每个带出处。One official's roles and tasks over time.
// parameters: name — 领导姓名; subdistrict — 发文机关名称；null 表示全部
// example: :param name => '苏映雪'
// example: :param subdistrict => null
MATCH (o:Official {name: $name})-[r]->(x)
WHERE $subdistrict IS NULL OR o.subdistrict = $subdistrict
RETURN o.subdistrict AS subdistrict, o.name AS official, type(r) AS relation, labels(x)[0] AS target_kind,
       x.number AS number, x.name AS target, coalesce(r.role, r.position) AS role,
       r.valid_from AS valid_from, r.valid_to AS valid_to, r.evidence_file AS file, r.evidence_line AS line
ORDER BY subdistrict, valid_from, relation, number, target
