// name: dependency-chains
// description: 两个单位之间最短的依赖链（经由共同承担的任务）。Shortest dependency chains between two units.
// parameters: from — 起点单位名称或别名; to — 终点单位名称或别名
// example: :param from => '人大办'
// example: :param to => '城市建设管理事务中心'
MATCH (a:Unit) WHERE (a.name = $from OR $from IN a.aliases) AND a.valid_to IS NULL
MATCH (b:Unit) WHERE (b.name = $to OR $to IN b.aliases) AND b.subdistrict = a.subdistrict AND b <> a AND b.valid_to IS NULL
MATCH p = allShortestPaths((a)-[:RESPONSIBLE_FOR|COOPERATES_ON*..12]-(b))
WHERE all(r IN relationships(p) WHERE r.valid_to IS NULL)
RETURN a.subdistrict AS subdistrict, length(p) / 2 AS tasks_between,
       [n IN nodes(p) | coalesce(CASE WHEN n:Task THEN '任务' + coalesce(toString(n.number), '') + '：' + n.name END, n.name)] AS chain
ORDER BY subdistrict, tasks_between
LIMIT 50
