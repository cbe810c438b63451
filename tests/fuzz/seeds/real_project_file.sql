CREATE DATABASE IF NOT EXISTS unkey;
USE `unkey`;
/*!50003 SET collation_connection = utf8mb4_0900_ai_ci */;
CREATE TABLE t (a varchar(3) COLLATE utf8mb4_de_pb_0900_as_cs) COLLATE=utf8mb4_0900_bin;
SET NAMES utf8mb4 COLLATE 'utf8mb4_0900_ai_ci';
